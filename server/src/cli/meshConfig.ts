// Reads a MeshConfig overlay file (--mesh-config): a MeshConfig YAML, or a ConfigMap holding one under data.mesh.
import { parse } from 'yaml';
import type { CliIO } from './io';
import { UsageError } from './io';

export function readMeshConfig(path: string, io: CliIO): Record<string, unknown> {
  let value: unknown;
  try {
    value = parse(io.readFile(path), { maxAliasCount: 100 });
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--mesh-config ${path} is not valid YAML: ${(e as Error).message}`);
  }
  if (value && typeof value === 'object' && (value as any).kind === 'ConfigMap' && typeof (value as any).data?.mesh === 'string') {
    value = parse((value as any).data.mesh);
  }
  if (value == null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`--mesh-config ${path} must hold a MeshConfig mapping`);
  return value as Record<string, unknown>;
}
