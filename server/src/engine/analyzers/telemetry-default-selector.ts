// telemetry.DefaultSelectorAnalyzer (istio/istio pkg/config/analysis/analyzers/telemetry/default_selector.go):
// more than one Telemetry without a workload selector in a namespace is ambiguous (IST0160).
// Telemetries that target a resource with targetRef(s) are not namespace defaults and are not counted.
// Without a cluster: nothing is missed beyond Telemetries that are not in the workspace.
// Difference from istioctl (deliberate): Telemetries of unrelated directories are applied apart
// (analysis/applyUnits.ts), so they are no IST0160 pair unless one kustomize rendering joins them or the
// inputs are the whole cluster.
// Nor do two files of a directory of tutorial steps or versions, applied a file at a time
// (analysis/stepDirectories.ts): nothing shows both in the cluster at once.
import type { Analyzer, WorkspaceResource } from '../analysis/analyzer';
import { sortedNames } from './util/telemetry-names';
import { withDedup } from './util/dedup-reporter';
import { presentWith } from '../analysis/applyUnits';
import { arr, valueAt } from '../util/json';

export const telemetryDefaultSelectorAnalyzer: Analyzer = {
  meta: {
    name: 'telemetry.DefaultSelectorAnalyzer',
    description: "Validates that there aren't multiple telemetry resources that have no selector",
    codes: ['IST0160'],
    inputs: ['Telemetry'],
    inAll: true,
  },
  analyze(rawCtx) {
    const ctx = withDedup(rawCtx);
    const byNs = new Map<string, WorkspaceResource[]>();
    for (const t of ctx.resources('Telemetry', 'telemetry.istio.io')) {
      const spec = t.value.spec;
      if (
        valueAt(spec, 'selector') != null ||
        valueAt(spec, 'targetRef') != null ||
        arr(valueAt(spec, 'targetRefs')).length > 0
      )
        continue;
      byNs.set(t.ns, [...(byNs.get(t.ns) ?? []), t]);
    }
    for (const [ns, list] of byNs) {
      for (const t of list) {
        const together = presentWith(ctx, t, list);
        if (together.length > 1) ctx.report('IST0160', t, [sortedNames(together), ns], ['metadata', 'name']);
      }
    }
  },
};
