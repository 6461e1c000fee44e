// Commands the language server implements (workspace/executeCommand). The client only forwards them:
// the server owns every bit of YAML/Istio knowledge. Argument shape for all of them:
//   { uri: string, position?: { line, character } }   (position: the cursor, when invoked from an editor)
// renderInjection returns the injected text (string); inject/removeInjection return a WorkspaceEdit
// (or apply it themselves through workspace/applyEdit and return null).
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type LanguageClient, type WorkspaceEdit } from 'vscode-languageclient/node';

export const ServerCommand = {
  renderInjection: 'istioLens.renderInjection',
  inject: 'istioLens.inject',
  removeInjection: 'istioLens.removeInjection',
} as const;

export interface DocumentArg {
  uri: string;
  position?: { line: number; character: number };
}

/**
 * Builds the argument for a document: an explicit Uri/string/{uri,...} (code actions, CodeLens, the
 * explorer) is passed on as is; from the Command Palette it is the active editor's whole file, as
 * `istioctl kube-inject -f FILE` treats it (code actions carry a position for one document).
 */
export function documentArg(target?: unknown): DocumentArg | undefined {
  if (target instanceof vscode.Uri) return { uri: target.toString() };
  if (typeof target === 'string') return { uri: target };
  if (target && typeof target === 'object' && typeof (target as DocumentArg).uri === 'string')
    return target as DocumentArg;
  const editor = vscode.window.activeTextEditor;
  return editor ? { uri: editor.document.uri.toString() } : undefined;
}

export function sendServerCommand(
  client: LanguageClient,
  command: string,
  arg: DocumentArg,
): Promise<unknown> {
  return client.sendRequest(ExecuteCommandRequest.type, { command, arguments: [arg] });
}

function looksLikeWorkspaceEdit(v: unknown): boolean {
  return !!v && typeof v === 'object' && ('changes' in v || 'documentChanges' in v);
}

/** Applies a WorkspaceEdit a server command returned; true when something was applied. */
export async function applyServerEdit(client: LanguageClient, result: unknown): Promise<boolean> {
  if (!looksLikeWorkspaceEdit(result)) return false;
  const edit = await client.protocol2CodeConverter.asWorkspaceEdit(result as WorkspaceEdit);
  return vscode.workspace.applyEdit(edit);
}

/**
 * Runs an edit-producing server command for the palette/CodeLens: fills in the active document
 * when no argument was given, applies a returned WorkspaceEdit, and reports failures.
 */
export async function runEditCommand(
  client: LanguageClient,
  command: string,
  target?: unknown,
): Promise<unknown> {
  const arg = documentArg(target);
  if (!arg) {
    void vscode.window.showWarningMessage('Istio Lens: open a YAML manifest first.');
    return undefined;
  }
  try {
    const result = await sendServerCommand(client, command, arg);
    await applyServerEdit(client, result);
    return result;
  } catch (e) {
    void vscode.window.showErrorMessage(`Istio Lens: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}
