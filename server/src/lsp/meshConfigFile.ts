// Loads the `istioLens.meshConfig` overlay (machine-scoped; relative paths stay inside the workspace).
import { parseMeshConfigText, type MeshConfigParse } from '../engine/parse/meshConfigText';
import { readSettingFile } from './settingsFile';

export function loadMeshConfigOverlay(
  setting: string | null,
  folders: readonly string[],
): MeshConfigParse | null {
  if (!setting) return null;
  const f = readSettingFile('istioLens.meshConfig', setting, folders);
  if ('error' in f) return f;
  const r = parseMeshConfigText(f.text);
  return 'error' in r ? { error: `istioLens.meshConfig ${f.name}: ${r.error}` } : r;
}
