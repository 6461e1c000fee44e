// The `istioLens.*` settings as the server receives them. VS Code already withholds machine-scoped
// settings from workspace files and, in an untrusted workspace, the `restrictedConfigurations`
// declared in package.json; we add the trust state so the server can tell the two cases apart.
import * as vscode from 'vscode';

export const SECTION = 'istioLens';

/** Settings that point at files: machine-scoped and restricted in untrusted workspaces. */
export const FILE_SETTINGS = [
  'meshConfig',
  'injection.operatorFile',
  'injection.valuesFile',
  'injection.injectionConfig',
  'injection.meshConfigMap',
] as const;

export type SettingsPayload = Record<string, unknown> & { workspaceTrusted: boolean };

/** Adds the trust flag to a settings object pulled or pushed for our section. */
export function withTrust(value: unknown): SettingsPayload {
  const obj = value && typeof value === 'object' ? { ...(value as Record<string, unknown>) } : {};
  return { ...obj, workspaceTrusted: vscode.workspace.isTrusted };
}

/** The current `istioLens` settings as a plain JSON object (for initializationOptions). */
export function currentSettings(): SettingsPayload {
  const cfg = vscode.workspace.getConfiguration(SECTION);
  // Round-trip through JSON: WorkspaceConfiguration carries functions (get/has/...).
  return withTrust(JSON.parse(JSON.stringify(cfg)));
}
