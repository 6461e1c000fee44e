// Wires LSP requests to the engine's services. This folder is the only code that speaks LSP.
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
  type CodeAction,
  SymbolKind,
  type DocumentSymbol,
  type ResponseError,
} from 'vscode-languageserver/node';
import { MessageType, ShowMessageNotification } from 'vscode-languageserver/node';
import { cancelled, isCancelled } from './cancel';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI_TO_PATH } from './uri';
import { DocumentStore } from './documentStore';
import { DiagnosticsPublisher } from './diagnostics';
import { WorkspaceIndex } from './workspaceIndex';
import { DEFAULT_SERVER_SETTINGS, toServerSettings, type ServerSettings } from './settings';
import { globToRegExp, isExcluded } from './glob';
import { fromLspDiagnostic } from './convert';
import { loadMeshConfigOverlay } from './meshConfigFile';
import { meshConfigErrors } from '../engine/webhook/meshconfig';
import { loadEngineEnv } from '../data/env';
import type { EngineEnv } from '../engine/model/env';
import { applyMeshConfig, type AnalyzeOptions } from '../engine/analysis';
import { documentSymbols } from '../engine/services/symbols';
import { quickFixes } from '../engine/services/quickFixes';
import { COMPLETION_TRIGGERS, registerLanguageFeatures } from './languageFeatures';
import { Injection, InjectCommand, PREVIEW_COMMAND } from './injection';
import type { Obj } from '../engine/util/json';
import { IN_ALL_ANALYZERS } from '../engine/analyzers';
import { errorText } from '../engine/util/errors';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const store = new DocumentStore();
  let settings: ServerSettings = DEFAULT_SERVER_SETTINGS;
  let excludes: RegExp[] = [];
  let env: EngineEnv | undefined;
  let meshConfig: Obj | undefined;
  let folders: string[] = [];
  let canPullConfig = false;
  let canWatch = false;
  let canApplyEdit = false;
  let clientCommands: string[] = [];

  const getEnv = (): EngineEnv => (env ??= loadEngineEnv(settings.engine));
  const excluded = (fsPath: string): boolean => isExcluded(fsPath, excludes);
  const openFile = (uri: string) => {
    const doc = documents.get(uri);
    return doc ? { file: store.get(doc), version: doc.version } : undefined;
  };
  const index = new WorkspaceIndex(
    connection,
    (uri) => openFile(uri)?.file,
    () => documents.keys(),
    excluded,
  );
  const analyzeOptions = (): AnalyzeOptions => ({
    analyzers: IN_ALL_ANALYZERS,
    meshConfig,
    disabledCodes: settings.engine.disabledCodes,
    assumeInstalled: settings.assumeInstalled,
    defaultNamespace: settings.defaultNamespace ?? undefined,
    istioVersion: settings.engine.istioVersion,
    // Of several definitions of one object, the one in an open editor is the one being worked on.
    preferred: (uri) => documents.get(uri) !== undefined,
    alternativeNotes: true,
  });
  const publisher = new DiagnosticsPublisher({
    connection,
    index,
    env: getEnv,
    analyzeOptions,
    openFile,
    enabled: (uri) => settings.validateEnable && !excluded(URI_TO_PATH(uri)),
  });

  const injection = new Injection({
    connection,
    documents,
    store,
    index,
    settings: () => settings,
    folders: () => folders,
    clientHasPreview: () => clientCommands.includes(PREVIEW_COMMAND),
    canApplyEdit: () => canApplyEdit,
  });

  function applySettings(raw: unknown): void {
    settings = toServerSettings(raw);
    excludes = settings.exclude.map(globToRegExp);
    env = undefined; // rebuilt lazily; the schema bundle itself is cached by its loader
    const mesh = loadMeshConfigOverlay(settings.meshConfig, folders);
    // A notification, not window.showWarningMessage: that sends a request some clients do not
    // implement, and its rejected promise used to take the server down.
    if (mesh && 'error' in mesh)
      void connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: mesh.error,
      });
    meshConfig = mesh && 'overlay' in mesh ? applyMeshConfig(mesh.overlay) : undefined;
    // istiod validates the merged mesh config too (ValidateMeshConfig): say what it would refuse.
    const rejected = meshConfig ? meshConfigErrors(meshConfig) : [];
    if (rejected.length)
      void connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: `istioLens.meshConfig: Istio would reject this mesh config: ${rejected.join('; ')}`,
      });
    publisher.invalidate();
    for (const uri of documents.keys()) publisher.schedule(uri);
  }

  async function pullSettings(): Promise<void> {
    const [cfg] = await connection.workspace
      .getConfiguration([{ section: 'istioLens' }])
      .catch(() => [undefined]);
    applySettings(cfg);
  }

  connection.onInitialize((params): InitializeResult => {
    canPullConfig = !!params.capabilities.workspace?.configuration;
    canWatch = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    folders = (params.workspaceFolders ?? []).map((f) => URI_TO_PATH(f.uri));
    if (!folders.length && params.rootUri) folders = [URI_TO_PATH(params.rootUri)];
    canApplyEdit = !!params.capabilities.workspace?.applyEdit;
    const init = params.initializationOptions as { settings?: unknown; clientCommands?: unknown } | undefined;
    if (Array.isArray(init?.clientCommands))
      clientCommands = init.clientCommands.filter((c): c is string => typeof c === 'string');
    if (init?.settings) applySettings(init.settings);
    return {
      capabilities: {
        textDocumentSync: {
          openClose: true,
          change: TextDocumentSyncKind.Incremental,
          save: { includeText: false },
        },
        codeActionProvider: {
          codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite],
          resolveProvider: false,
        },
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: Object.values(InjectCommand) },
        documentSymbolProvider: true,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS, resolveProvider: false },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: false } },
      },
      serverInfo: { name: 'istio-lens-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    if (canPullConfig) await pullSettings();
    // The client watches once it has answered the registration; a file read before that and changed
    // in between would stay stale in the index, its change never reported.
    if (canWatch)
      await connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          watchers: [{ globPattern: '**/*.{yaml,yml}' }, { globPattern: '**/Kustomization' }],
        })
        .catch((e: unknown) => connection.console.error(`file watcher registration failed: ${errorText(e)}`));
    const t0 = Date.now();
    const files = await index.indexFolders(folders);
    const ms = Date.now() - t0;
    // Sent once the first analysis is published: clients (and the tests) may take it as "ready".
    await publisher.startAnalysis();
    connection.console.info(
      `indexed ${files} YAML files of ${folders.join(', ') || 'no folder'} in ${ms} ms; ` +
        `first analysis published after ${Date.now() - t0} ms`,
    );
    void connection.sendNotification('istioLens/indexed', { files, ms });
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (canPullConfig) await pullSettings();
    else applySettings((change.settings as { istioLens?: unknown } | undefined)?.istioLens);
  });

  connection.onDidChangeWatchedFiles((params) => {
    for (const uri of index.applyFileEvents(params.changes)) publisher.schedule(uri);
  });

  documents.onDidChangeContent((e) => publisher.schedule(e.document.uri));
  documents.onDidClose((e) => {
    store.forget(e.document.uri);
    publisher.schedule(e.document.uri); // falls back to the file on disk, or clears if it is not indexed
  });

  connection.onDocumentSymbol((params, token): DocumentSymbol[] | ResponseError<void> => {
    if (isCancelled(token)) return cancelled();
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    return documentSymbols(store.get(doc)).map((s) => ({
      name: s.name,
      detail: s.detail,
      kind: SymbolKind.Object,
      range: s.range,
      selectionRange: s.selectionRange,
    }));
  });

  connection.onCodeAction((params, token): CodeAction[] | ResponseError<void> => {
    if (isCancelled(token)) return cancelled();
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return [];
    const ours = params.context.diagnostics.filter((d) => d.source === 'istio-lens');
    const file = store.get(doc);
    const fixes: CodeAction[] = quickFixes(file, ours.map(fromLspDiagnostic)).map((a) => ({
      title: a.title,
      kind: a.kind === 'quickfix' ? CodeActionKind.QuickFix : a.kind,
      diagnostics: a.diagnostics?.map((i) => ours[i]),
      isPreferred: a.isPreferred,
      edit: { changes: { [doc.uri]: a.edits } },
    }));
    const only = params.context.only;
    const wantsRefactor = !only || only.some((k) => CodeActionKind.RefactorRewrite.startsWith(k));
    return wantsRefactor ? [...fixes, ...injection.codeActions(doc.uri, params.range)] : fixes;
  });

  connection.onCodeLens((params, token) => {
    if (isCancelled(token)) return cancelled();
    if (!documents.get(params.textDocument.uri)) return [];
    return injection.codeLenses(params.textDocument.uri);
  });

  connection.onExecuteCommand((params) => injection.execute(params.command, params.arguments?.[0]));

  registerLanguageFeatures({ connection, documents, store, index, env: getEnv });

  documents.listen(connection);
  connection.listen();
}
