// Sidecar injection in the editor: server commands (also reachable from Neovim & co. through
// workspace/executeCommand), code actions on workloads and namespaces, and a CodeLens per workload.
import {
  CodeActionKind,
  ResponseError,
  ErrorCodes,
  type CodeAction,
  type CodeLens,
  type Connection,
  type TextDocuments,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { loadInjectBundle } from '../data/inject';
import {
  buildSettings,
  describeInjection,
  enableInjectionEdit,
  enableNamespaceInjectionEdit,
  injectEdit,
  injectFile,
  isInjectable,
  isNamespace,
  uninjectEdit,
  type EditResult,
  type InjectSettings,
  type NamespaceLabels,
  type SettingsInput,
} from '../engine/inject';
import { buildWorkspace } from '../engine/analysis';
import type { ParsedFile } from '../engine/parse/parseFile';
import { docAt } from '../engine/parse/findNode';
import type { DocumentStore } from './documentStore';
import type { ServerSettings } from './settings';
import { readSettingFile } from './settingsFile';
import type { WorkspaceIndex } from './workspaceIndex';
import type { TextEdit } from '../engine/services/types';

export const InjectCommand = {
  render: 'istioLens.renderInjection',
  inject: 'istioLens.inject',
  remove: 'istioLens.removeInjection',
  enable: 'istioLens.enableInjection',
  enableNamespace: 'istioLens.enableNamespaceInjection',
} as const;
/** Client-side command (VS Code): opens the diff editor on istioLens.renderInjection's text. */
export const PREVIEW_COMMAND = 'istioLens.previewInjection';

interface CommandArg {
  uri: string;
  position?: { line: number; character: number };
  revision?: string;
}

export interface InjectionDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  store: DocumentStore;
  index: WorkspaceIndex;
  settings(): ServerSettings;
  folders(): string[];
  /** The client can run PREVIEW_COMMAND (VS Code), so offer Preview actions and lenses. */
  clientHasPreview(): boolean;
  canApplyEdit(): boolean;
}

export class Injection {
  private cached: { key: string; settings: InjectSettings } | undefined;

  constructor(private readonly d: InjectionDeps) {}

  /** Injector settings from istioLens.injection.* and istioLens.meshConfig, built once per settings change. */
  settings(): InjectSettings {
    const s = this.d.settings();
    const key = JSON.stringify([
      s.injection,
      s.meshConfig,
      s.engine.kubernetesVersion,
      s.engine.istioVersion,
      this.d.folders(),
    ]);
    if (this.cached?.key === key) return this.cached.settings;
    const read = (setting: string, value: string | null) => {
      if (!value) return undefined;
      const f = readSettingFile(setting, value, this.d.folders());
      if ('error' in f) throw new ResponseError(ErrorCodes.InvalidParams, f.error);
      return f;
    };
    const mesh =
      read('istioLens.injection.meshConfigMap', s.injection.meshConfigMap) ??
      read('istioLens.meshConfig', s.meshConfig);
    const operator = read('istioLens.injection.operatorFile', s.injection.operatorFile);
    const input: SettingsInput = {
      sets: [...s.injection.set, ...(s.injection.revision ? [`revision=${s.injection.revision}`] : [])],
      operatorFiles: operator ? [operator] : undefined,
      meshConfig: mesh,
      injectionConfig: read('istioLens.injection.injectionConfig', s.injection.injectionConfig),
      values: read('istioLens.injection.valuesFile', s.injection.valuesFile),
      nativeSidecars: s.injection.nativeSidecars,
      kubernetesVersion: s.engine.kubernetesVersion,
      istioVersion: s.engine.istioVersion,
    };
    let settings: InjectSettings;
    try {
      settings = buildSettings(loadInjectBundle(), input);
    } catch (e) {
      throw new ResponseError(ErrorCodes.InvalidParams, `Injection settings: ${(e as Error).message}`);
    }
    this.cached = { key, settings };
    return settings;
  }

  async execute(command: string, raw: unknown): Promise<unknown> {
    const arg = raw as CommandArg | undefined;
    if (!arg || typeof arg.uri !== 'string')
      throw new ResponseError(ErrorCodes.InvalidParams, `${command} needs { uri }`);
    const file = this.file(arg.uri);
    if (command === InjectCommand.render) {
      const r = injectFile(file, this.settings());
      if (r.error || r.text === null)
        throw new ResponseError(
          ErrorCodes.InvalidParams,
          r.error ? `document ${r.error.docIndex + 1}: ${r.error.message}` : 'injection failed',
        );
      return r.text;
    }
    const edits = this.edits(command, file, arg);
    const edit: WorkspaceEdit = { changes: { [arg.uri]: edits } };
    if (this.d.canApplyEdit()) {
      const applied = await this.d.connection.workspace.applyEdit({ label: command, edit });
      if (!applied.applied)
        throw new ResponseError(
          ErrorCodes.InternalError,
          applied.failureReason ?? 'the editor refused the edit',
        );
      return null;
    }
    return edit;
  }

  /** The edits of one command: for the document at `position`, or every applicable document. */
  private edits(command: string, file: ParsedFile, arg: CommandArg): TextEdit[] {
    const docIndexes = arg.position
      ? [docAt(file, file.lines.offsetAt(arg.position))?.index].filter((i): i is number => i !== undefined)
      : file.docs.map((d) => d.index);
    const one = (i: number): EditResult => {
      switch (command) {
        case InjectCommand.inject:
          return injectEdit(file, i, this.settings());
        case InjectCommand.remove:
          return uninjectEdit(file, i);
        case InjectCommand.enable:
          return enableInjectionEdit(file, i);
        case InjectCommand.enableNamespace:
          return enableNamespaceInjectionEdit(
            file,
            i,
            arg.revision ? { label: 'istio.io/rev', revision: arg.revision } : { label: 'istio-injection' },
          );
        default:
          return { error: `unknown command ${command}` };
      }
    };
    const results = docIndexes.map(one);
    const edits = results.flatMap((r) => ('edit' in r ? [r.edit] : []));
    if (!edits.length) {
      const why =
        results.map((r) => ('error' in r ? r.error : '')).find(Boolean) ?? 'Nothing to change in this file.';
      throw new ResponseError(ErrorCodes.InvalidParams, why);
    }
    return edits;
  }

  codeActions(uri: string, range: { start: { line: number; character: number } }): CodeAction[] {
    const file = this.file(uri);
    const doc = docAt(file, file.lines.offsetAt(range.start));
    if (!doc || !doc.resource) return [];
    const arg: CommandArg = { uri, position: range.start };
    const action = (title: string, command: string, a: unknown = arg): CodeAction => ({
      title,
      kind: CodeActionKind.RefactorRewrite,
      command: { title, command, arguments: [a] },
    });
    if (isNamespace(file, doc.index)) {
      const rev = this.d.settings().injection.revision;
      return [
        action('Enable namespace injection (istio-injection=enabled)', InjectCommand.enableNamespace),
        action(
          `Enable namespace injection (istio.io/rev=${rev || 'default'})`,
          InjectCommand.enableNamespace,
          { ...arg, revision: rev || 'default' },
        ),
      ];
    }
    if (!isInjectable(doc)) return [];
    const status = describeInjection(file, doc.index, this.namespaceLabels());
    const out: CodeAction[] = [];
    if (status.verdict === 'already-injected')
      out.push(action('Remove injected Istio sidecar', InjectCommand.remove));
    else {
      out.push(action('Inject Istio sidecar', InjectCommand.inject));
      if (this.d.clientHasPreview())
        out.push(action('Preview Istio sidecar injection', PREVIEW_COMMAND, { uri }));
      if (!status.willInject && status.verdict !== 'host-network')
        out.push(action('Enable sidecar injection (pod label)', InjectCommand.enable));
    }
    return out;
  }

  codeLenses(uri: string): CodeLens[] {
    const file = this.file(uri);
    const ns = this.namespaceLabels();
    const lenses: CodeLens[] = [];
    for (const doc of file.docs) {
      if (!isInjectable(doc)) continue;
      const at = file.lines.positionAt(doc.resource!.root.range?.[0] ?? doc.start);
      const range = { start: at, end: at };
      const status = describeInjection(file, doc.index, ns);
      const arg: CommandArg = { uri, position: at };
      lenses.push({ range, command: { title: status.reason, command: '', tooltip: this.assumption() } });
      if (status.verdict === 'already-injected') {
        lenses.push({
          range,
          command: { title: 'Remove sidecar', command: InjectCommand.remove, arguments: [arg] },
        });
        continue;
      }
      const tooltip = this.assumption();
      if (this.d.clientHasPreview())
        lenses.push({
          range,
          command: { title: 'Preview', command: PREVIEW_COMMAND, arguments: [{ uri }], tooltip },
        });
      lenses.push({
        range,
        command: { title: 'Inject', command: InjectCommand.inject, arguments: [arg], tooltip },
      });
    }
    return lenses;
  }

  /** What the preview assumes, for the lens tooltips: the proxy image and the injector's revision. */
  private assumption(): string {
    let settings: InjectSettings;
    try {
      settings = this.settings();
    } catch (e) {
      return `Injection settings: ${(e as Error).message}`;
    }
    const rev = settings.revision || 'default';
    return `Assumes proxy image ${settings.proxyImage} and the ${rev} revision's injector (istioLens.istioVersion, istioLens.injection.*)`;
  }

  /** Labels of the Namespace manifests in the workspace, for "will it be injected, and why". */
  private namespaceLabels(): NamespaceLabels {
    const out: NamespaceLabels = {};
    for (const r of buildWorkspace(this.d.index.files()).resources('Namespace', '')) out[r.name] = r.labels;
    return out;
  }

  private file(uri: string): ParsedFile {
    const doc = this.d.documents.get(uri);
    const file = doc ? this.d.store.get(doc) : this.d.index.get(uri);
    if (!file) throw new ResponseError(ErrorCodes.InvalidParams, `${uri} is not open or indexed`);
    return file;
  }
}
