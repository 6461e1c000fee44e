// Checks a set of files as one workspace: per-file rules plus Istio's cross-file analyzers.
// Used by the CLI; the server runs the same two halves incrementally.
import type { EngineDiagnostic } from './model/diagnostic';
import type { EngineEnv } from './model/env';
import type { ParsedFile } from './parse/parseFile';
import { checkFile } from './check';
import { analyzeWorkspace, applyMeshConfig, type AssumeInstalled } from './analysis';

export interface WorkspaceCheckOptions {
  /** Report only these codes (or Istio analyzer names). */
  only?: readonly string[];
  /** A MeshConfig overlay, merged onto Istio's defaults. */
  meshConfig?: Record<string, unknown>;
  /** What the cluster holds beyond the files: Istio's default installation (default) or nothing. */
  assumeInstalled?: AssumeInstalled;
  /** The namespace of manifests that name none (`-n`). */
  defaultNamespace?: string;
  /** The files are the whole cluster (`istioctl analyze` on files): what they lack is missing. */
  assumeComplete?: boolean;
}

export function checkWorkspace(
  files: readonly ParsedFile[],
  env: EngineEnv,
  opts: WorkspaceCheckOptions = {},
): Map<string, EngineDiagnostic[]> {
  const out = new Map<string, EngineDiagnostic[]>();
  for (const f of files) out.set(f.uri, checkFile(f, env));
  const analysis = analyzeWorkspace(files, {
    meshConfig: opts.meshConfig ? applyMeshConfig(opts.meshConfig) : undefined,
    disabledCodes: env.settings.disabledCodes,
    assumeInstalled: opts.assumeInstalled,
    defaultNamespace: opts.defaultNamespace,
    assumeComplete: opts.assumeComplete,
  });
  for (const [uri, diags] of analysis) {
    const own = out.get(uri);
    if (own) out.set(uri, mergeFindings(own, diags));
  }
  if (opts.only?.length) {
    const only = new Set(opts.only.map((c) => c.toUpperCase()));
    for (const [uri, diags] of out)
      out.set(
        uri,
        diags.filter((d) => only.has(d.code.toUpperCase())),
      );
  }
  for (const diags of out.values()) diags.sort(byPosition);
  return out;
}

/**
 * Per-file rules and analyzers can find the same thing (the annotation rules and Istio's
 * annotations analyzer): keep the rule's report, which carries the did-you-mean and fix data.
 */
export function mergeFindings(
  own: readonly EngineDiagnostic[],
  analysis: readonly EngineDiagnostic[],
): EngineDiagnostic[] {
  const seen = new Set(own.map((d) => `${d.code}@${d.range.start.line}`));
  return [...own, ...analysis.filter((d) => !seen.has(`${d.code}@${d.range.start.line}`))].sort(byPosition);
}

export function byPosition(a: EngineDiagnostic, b: EngineDiagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
