// A MeshConfig overlay from text: a MeshConfig YAML, or the istio ConfigMap holding one under data.mesh.
import { parse } from 'yaml';

export type MeshConfigParse = { overlay: Record<string, unknown> } | { error: string };

export function parseMeshConfigText(text: string): MeshConfigParse {
  try {
    let value: unknown = parse(text, { maxAliasCount: 100 });
    const cm = value as { kind?: unknown; data?: { mesh?: unknown } } | null;
    if (cm && cm.kind === 'ConfigMap' && typeof cm.data?.mesh === 'string')
      value = parse(cm.data.mesh, { maxAliasCount: 100 });
    if (value == null) return { overlay: {} };
    if (typeof value !== 'object' || Array.isArray(value))
      return { error: 'it does not hold a MeshConfig mapping' };
    return { overlay: value as Record<string, unknown> };
  } catch (e) {
    return { error: `it is not valid YAML: ${(e as Error).message.split('\n')[0]}` };
  }
}
