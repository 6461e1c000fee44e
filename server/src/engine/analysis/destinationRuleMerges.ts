// Two DestinationRules for one host in one namespace are merged by istiod, not both applied
// (pilot/pkg/model/destination_rule.go mergeDestinationRule): into the older rule (rules created together:
// the first by name) go the other's subsets of new names, and its top-level trafficPolicy only when the
// older one has none. So the other's traffic policy (a circuit breaker written beside the rule that
// declares the subsets) and its differing definition of a subset name the older one already has are
// silently ignored. Rules are merged when neither has a workloadSelector (or both select the same labels)
// and, with EnableEnhancedDestinationRuleMerge (on by default), when they export to the same namespaces.
// Reported, as a warning, on what the rule merged second loses, for rules the workspace shows applied
// together into one namespace and in the cluster at once: not for rules of two files of a directory
// applied a file at a time (tutorial steps, versions; applyUnits.ts). istioctl analyze has no such check.
import { Severity, SOURCE, type EngineDiagnostic } from '../model/diagnostic';
import type { AnalysisContext, WorkspaceResource } from './analyzer';
import { presentTogether } from './applyUnits';
import { isGenerated } from './generated';
import { isInstalled } from './installed';
import { clusterDomain, convertHostToFqdn, fullName } from './istio';
import { reportsCode, type ReportFilter } from './reportFilter';
import { rangeAt } from './resource';
import { arr, obj, sortedJson, str, type Obj } from '../util/json';

export const DESTINATION_RULE_MERGE_CODE = 'destinationrule-merge';
const DOCS = 'https://istio.io/latest/docs/ops/best-practices/traffic-management/#split-virtual-services';

/**
 * The merge findings of one placement set, on the trafficPolicy and subsets a merged rule loses.
 * `rules` are its DestinationRules, one per object, read from the workspace rather than through `ctx`
 * (this pass is no analyzer, and records no reads).
 */
export function destinationRuleMerges(
  ctx: AnalysisContext,
  rules: readonly WorkspaceResource[],
  filter: ReportFilter,
): { uri: string; diagnostic: EngineDiagnostic }[] {
  if (!reportsCode(filter, DESTINATION_RULE_MERGE_CODE)) return [];
  const domain = clusterDomain(ctx);
  const groups = new Map<string, WorkspaceResource[]>();
  for (const r of rules) {
    if (isInstalled(r) || isGenerated(r)) continue;
    const spec = obj(r.value.spec);
    const host = str(spec.host);
    if (!host) continue;
    const key = [r.ns, convertHostToFqdn(r.ns, host, domain), selectorKey(spec), exportKey(r)].join('\u0000');
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const out: { uri: string; diagnostic: EngineDiagnostic }[] = [];
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    const byName = [...list].sort((a, b) => compare(a.name, b.name));
    byName.forEach((later, i) => {
      const first = byName.slice(0, i).find(
        (f) =>
          f.name !== later.name &&
          // One namespace: both written (or decided) alike, or both given at apply time to the one
          // apply that holds them both, which presentTogether asks.
          f.nsKnown === later.nsKnown &&
          presentTogether(ctx, f, later),
      );
      if (first) out.push(...losses(first, later));
    });
  }
  return out;
}

/** Rules merge when both select no workload, or both the same labels. */
function selectorKey(spec: Obj): string {
  const labels = obj(obj(spec.workloadSelector).matchLabels);
  return spec.workloadSelector === undefined ? '' : sortedJson(labels);
}

const exportKey = (r: WorkspaceResource): string =>
  JSON.stringify([...new Set(arr(obj(r.value.spec).exportTo).map(str))].sort());

function losses(
  first: WorkspaceResource,
  later: WorkspaceResource,
): { uri: string; diagnostic: EngineDiagnostic }[] {
  const a = obj(first.value.spec);
  const b = obj(later.value.spec);
  const out: { uri: string; diagnostic: EngineDiagnostic }[] = [];
  const merged = `DestinationRules ${fullName(first)} and ${fullName(later)} configure the same host ${str(b.host)}: istiod merges them into ${fullName(first)} and ignores`;
  if (
    a.trafficPolicy !== undefined &&
    b.trafficPolicy !== undefined &&
    !same(a.trafficPolicy, b.trafficPolicy)
  )
    out.push(
      finding(
        later,
        ['spec', 'trafficPolicy'],
        first,
        `${merged} this top-level trafficPolicy (only the first rule's is kept)`,
      ),
    );
  const firstSubsets = new Map(arr(a.subsets).map((s) => [str(obj(s).name), s] as const));
  arr(b.subsets).forEach((s, i) => {
    const name = str(obj(s).name);
    const kept = firstSubsets.get(name);
    if (name && kept !== undefined && !same(kept, s))
      out.push(
        finding(
          later,
          ['spec', 'subsets', i, 'name'],
          first,
          `${merged} this subset ${name} (${fullName(first)} defines ${name} differently)`,
        ),
      );
  });
  return out;
}

function finding(
  r: WorkspaceResource,
  at: (string | number)[],
  first: WorkspaceResource,
  message: string,
): { uri: string; diagnostic: EngineDiagnostic } {
  const diagnostic: EngineDiagnostic = {
    range: rangeAt(r, at),
    severity: Severity.Warning,
    code: DESTINATION_RULE_MERGE_CODE,
    message,
    codeDescription: { href: DOCS },
    source: SOURCE,
    relatedInformation: [
      {
        uri: first.file.uri,
        range: rangeAt(first, ['metadata', 'name']),
        message: `DestinationRule ${fullName(first)}, merged first (rules created together are merged in name order, an older one before them)`,
      },
    ],
    resource: { kind: r.kind, namespace: r.namespace, name: r.name },
  };
  return { uri: r.file.uri, diagnostic };
}

const compare = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
const same = (x: unknown, y: unknown): boolean => sortedJson(x) === sortedJson(y);
