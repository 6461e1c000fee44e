// Checks a set of files as one workspace: per-file rules plus Istio's cross-file analyzers.
// Used by the CLI; the server runs the same two halves incrementally.
import type { EngineDiagnostic } from './model/diagnostic';
import type { EngineEnv } from './model/env';
import type { ParsedFile } from './parse/parseFile';
import { checkFile, type FileRole } from './check';
import { capFileDiagnostics } from './capDiagnostics';
import {
  analyzeWorkspace,
  applyMeshConfig,
  kustomizeAdjusted,
  renderedResources,
  REASSESSED,
  type AssumeInstalled,
} from './analysis';
import { IN_ALL_ANALYZERS } from './analyzers';

export interface WorkspaceCheckOptions {
  /** Report only these codes and Istio analyzer names (`IST0118`, `unknown-field`, `service.PortNameAnalyzer`). */
  only?: readonly string[];
  /** A MeshConfig overlay, merged onto Istio's defaults. */
  meshConfig?: Record<string, unknown>;
  /** What the cluster holds beyond the files: Istio's default installation (default) or nothing. */
  assumeInstalled?: AssumeInstalled;
  /** The namespace of manifests that name none (`-n`). */
  defaultNamespace?: string;
  /** The files are the whole cluster (`istioctl analyze` on files): what they lack is missing. */
  assumeComplete?: boolean;
  /** How each file came to be checked, by URI (`found` when absent): see `FileRole`. */
  roles?: ReadonlyMap<string, FileRole>;
}

export function checkWorkspace(
  files: readonly ParsedFile[],
  env: EngineEnv,
  opts: WorkspaceCheckOptions = {},
): Map<string, EngineDiagnostic[]> {
  // `only` names codes (rules' and IST) or Istio analyzer names: the rules' findings are kept by
  // code, and the analyzers select themselves by name or code, as `istioctl analyze` does.
  const only = opts.only?.length ? opts.only : undefined;
  const codes = only && new Set(only.map((c) => c.toUpperCase()));
  // The rules know what is reported: one that leaves a mistake to a code left out reports it itself.
  const ruleEnv = codes ? { ...env, settings: { ...env.settings, onlyCodes: [...codes] } } : env;
  const out = new Map<string, EngineDiagnostic[]>();
  const rendered = renderedResources(files);
  for (const f of files) {
    const own = kustomizeAdjusted(
      f,
      checkFile(f, ruleEnv, undefined, opts.roles?.get(f.uri)),
      rendered,
      ruleEnv,
    );
    out.set(f.uri, codes ? own.filter((d) => codes.has(d.code.toUpperCase())) : own);
  }
  const analysis = analyzeWorkspace(files, {
    analyzers: IN_ALL_ANALYZERS,
    meshConfig: opts.meshConfig ? applyMeshConfig(opts.meshConfig) : undefined,
    disabledCodes: env.settings.disabledCodes,
    assumeInstalled: opts.assumeInstalled,
    defaultNamespace: opts.defaultNamespace,
    assumeComplete: opts.assumeComplete,
    istioVersion: env.settings.istioVersion,
    alternativeNotes: true,
    only,
  });
  for (const [uri, diags] of analysis) {
    const own = out.get(uri);
    if (own) out.set(uri, mergeFindings(own, diags));
  }
  for (const diags of out.values()) diags.sort(byPosition);
  return out;
}

/**
 * Per-file rules and analyzers can find the same thing (the annotation rules and Istio's
 * annotations analyzer): keep the rule's report, which carries the did-you-mean and fix data. An
 * analyzer's reassessment (a webhook warning the workspace shows to be harmless) replaces it.
 */
export function mergeFindings(
  own: readonly EngineDiagnostic[],
  analysis: readonly EngineDiagnostic[],
): EngineDiagnostic[] {
  const at = (d: EngineDiagnostic) => `${d.code}@${d.range.start.line}`;
  // A reassessment names its node exactly: several findings of one code can share a line.
  const node = (d: EngineDiagnostic) => `${at(d)}:${d.range.start.character}`;
  const isReassessment = (d: EngineDiagnostic) => d.data?.[REASSESSED] === true;
  const reassessed = new Set(analysis.filter(isReassessment).map(node));
  const kept = reassessed.size ? own.filter((d) => !reassessed.has(node(d))) : own;
  const seen = new Set(kept.map(at));
  const merged = [...kept, ...analysis.filter((d) => isReassessment(d) || !seen.has(at(d)))];
  // The per-file bound holds for what is published: thousands of alternatives add as many hints.
  return capFileDiagnostics(merged.sort(byPosition));
}

export function byPosition(a: EngineDiagnostic, b: EngineDiagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
