// Shared helpers for the extension-host tests: the workspace, our extension's API, polling.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'istio-lens.istio-lens';
export const SOURCE = 'istio-lens';

export interface IstioLensApi {
  metrics(): {
    activatedAt: number;
    clientReadyMs?: number;
    firstDiagnosticsMs?: number;
    indexedMs?: number;
    indexedFiles?: number;
  };
  client: { isRunning(): boolean } | undefined;
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run must open the fixture workspace');
  return folder.uri.fsPath;
}

export function wsUri(rel: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), rel));
}

export async function open(rel: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(wsUri(rel));
  await vscode.window.showTextDocument(doc);
  return doc;
}

export async function api(): Promise<IstioLensApi> {
  const ext = vscode.extensions.getExtension<IstioLensApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  return ext.activate();
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until fn returns a truthy value; fails with `what` after `ms`. */
export async function waitFor<T>(
  what: string,
  fn: () => T | undefined | false | Promise<T | undefined | false>,
  ms = 20_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(50);
  }
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

export function waitForDiagnostic(
  uri: vscode.Uri,
  what: string,
  pred: (d: vscode.Diagnostic) => boolean,
  ms?: number,
) {
  return waitFor(what, () => ours(uri).find(pred), ms);
}

/** Our diagnostics of `uri` with this code. */
export function withCode(uri: vscode.Uri, code: string): vscode.Diagnostic[] {
  return ours(uri).filter((d) => codeOf(d) === code);
}

/** Waits for one of our diagnostics with this code (`what` names it when the wait times out). */
export function waitForCode(uri: vscode.Uri, code: string, what: string, ms?: number) {
  return waitForDiagnostic(uri, what, (x) => codeOf(x) === code, ms);
}

/** Quick fixes the providers offer for a diagnostic (through VS Code's own command). */
export async function quickFixes(uri: vscode.Uri, d: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    d.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  return (actions ?? []).filter(
    (a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'),
  );
}

/** Applies a code action's edit (and its command, if any) and returns the document's new text. */
export async function applyAction(doc: vscode.TextDocument, action: vscode.CodeAction): Promise<string> {
  if (action.edit)
    assert.ok(await vscode.workspace.applyEdit(action.edit), `edit of "${action.title}" applied`);
  if (action.command)
    await vscode.commands.executeCommand(
      action.command.command,
      ...((action.command.arguments ?? []) as unknown[]),
    );
  return doc.getText();
}

/** Writes a workspace setting and waits briefly for the server to pull it again. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace
    .getConfiguration('istioLens')
    .update(key, value, vscode.ConfigurationTarget.Workspace);
}
