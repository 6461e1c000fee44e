// Reads the --mesh-config overlay file.
import { parseMeshConfigText } from '../engine/parse/meshConfigText';
import type { CliIO } from './io';
import { UsageError } from './io';

export function readMeshConfig(path: string, io: CliIO): Record<string, unknown> {
  const r = parseMeshConfigText(io.readFile(path));
  if ('error' in r) throw new UsageError(`--mesh-config ${path}: ${r.error}`);
  return r.overlay;
}
