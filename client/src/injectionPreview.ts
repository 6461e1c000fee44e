// "Preview Sidecar Injection": VS Code's diff editor between a manifest and a read-only virtual
// document (scheme istio-lens-inject:) whose text the server renders. The virtual document follows
// later edits of the source: each change re-asks the server, debounced.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type LanguageClient } from 'vscode-languageclient/node';
import { documentArg, sendServerCommand, ServerCommand } from './serverCommands';

export const PREVIEW_SCHEME = 'istio-lens-inject';
const REFRESH_DELAY_MS = 150;

/** istio-lens-inject:/dir/file.yaml?<source uri>: the path keeps the .yaml name (YAML colouring). */
export function previewUri(source: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: source.path, query: source.toString() });
}

function sourceOf(preview: vscode.Uri): vscode.Uri {
  return vscode.Uri.parse(preview.query, true);
}

export class InjectionPreview implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly client: LanguageClient) {
    this.disposables.push(
      vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, this),
      vscode.workspace.onDidChangeTextDocument((e) => this.scheduleRefresh(e.document.uri)),
      this.changed,
    );
  }

  /** Opens the diff editor for a document (argument from CodeLens/explorer, else the active editor). */
  async open(target?: unknown): Promise<void> {
    const arg = documentArg(target);
    if (!arg) {
      void vscode.window.showWarningMessage('Istio Lens: open a YAML manifest to preview sidecar injection.');
      return;
    }
    let source = vscode.Uri.parse(arg.uri, true);
    if (source.scheme === PREVIEW_SCHEME) source = sourceOf(source); // run from inside the diff itself
    const title = `${path.posix.basename(source.path)} ↔ Istio sidecar injected`;
    await vscode.commands.executeCommand('vscode.diff', source, previewUri(source), title, { preview: true });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const source = sourceOf(uri);
    try {
      const result = await sendServerCommand(this.client, ServerCommand.renderInjection, {
        uri: source.toString(),
      });
      if (typeof result === 'string') return result;
      return `# Istio Lens: the server returned no injected manifest for ${source.fsPath}\n`;
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      return `# Istio Lens could not inject this file:\n${msg
        .split('\n')
        .map((l) => `#   ${l}`)
        .join('\n')}\n`;
    }
  }

  private scheduleRefresh(source: vscode.Uri): void {
    if (source.scheme === PREVIEW_SCHEME) return;
    const target = previewUri(source);
    const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === target.toString());
    if (!open) return;
    const key = target.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.changed.fire(target);
      }, REFRESH_DELAY_MS),
    );
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}
