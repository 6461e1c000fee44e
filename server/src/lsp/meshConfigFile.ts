// Loads the `istioLens.meshConfig` overlay. Relative paths resolve inside the workspace and may not
// climb out of it; the setting itself is machine-scoped (the client never takes it from a workspace).
import fs from 'node:fs';
import path from 'node:path';
import { parseMeshConfigText, type MeshConfigParse } from '../engine/parse/meshConfigText';

export function loadMeshConfigOverlay(setting: string | null, folders: readonly string[]): MeshConfigParse | null {
  if (!setting) return null;
  let file: string;
  if (path.isAbsolute(setting)) file = setting;
  else {
    const root = folders[0];
    if (!root) return { error: `istioLens.meshConfig ${setting} is relative but no workspace folder is open` };
    file = path.resolve(root, setting);
    if (path.relative(root, file).startsWith('..')) return { error: `istioLens.meshConfig ${setting} points outside the workspace` };
  }
  let text: string;
  try { text = fs.readFileSync(file, 'utf8'); } catch (e) { return { error: `istioLens.meshConfig: cannot read ${file}: ${(e as Error).message}` }; }
  const r = parseMeshConfigText(text);
  return 'error' in r ? { error: `istioLens.meshConfig ${file}: ${r.error}` } : r;
}
