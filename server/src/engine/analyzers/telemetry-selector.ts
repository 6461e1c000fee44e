// telemetry.SelectorAnalyzer (istio/istio pkg/config/analysis/analyzers/telemetry/selector.go):
// a Telemetry workload selector must match a pod of its namespace (IST0101), and no pod may be
// selected by two Telemetries (IST0159).
// Without a cluster (assumeComplete false): pods are the Pods and pod templates of the workspace (a
// workload stands for its pods), and IST0101 needs workloads of the Telemetry's namespace in the workspace.
// Difference from istioctl: a selector matching a VM workload of the namespace (a WorkloadEntry, a
// WorkloadGroup's entries) or the pods Istio deploys for a Gateway API Gateway there
// (util/non-pod-workloads.ts) selects it, and a slip from them is a mistake; istioctl reads only Pods and
// reports IST0101. Two Telemetries of unrelated directories (analysis/applyUnits.ts) are applied apart:
// no IST0159 unless one rendering joins them or the inputs are the whole cluster. And a targetRef naming a Service, ServiceEntry or Gateway (a waypoint) one slip from one of
// the workspace attaches the Telemetry to nothing (IST0101, util/target-refs.ts targetsNotFound, as for an
// AuthorizationPolicy); istioctl reads a targetRefs Telemetry as selector-less.
// Nor do two files of a directory of tutorial steps or versions, applied a file at a time
// (analysis/stepDirectories.ts): nothing shows both in the cluster at once.
import type { Analyzer, WorkloadPod, WorkspaceResource } from '../analysis/analyzer';
import { labelSelectorMatches, stringRecord } from '../analysis/labels';
import { podsOfIn, podsOfInSelected } from './util/mesh-membership';
import { selectorString } from './util/selector-string';
import { sortedNames } from './util/telemetry-names';
import { withDedup } from './util/dedup-reporter';
import { targetsNotFound } from './util/target-refs';
import { nonPodWorkloadLabels } from './util/non-pod-workloads';
import { isInstalled } from '../analysis/installed';
import { valueAt } from '../util/json';
import { chartMayRenderPods, nearMissSelector } from '../analysis/nearMiss';
import { presentWith } from '../analysis/applyUnits';

export const telemetrySelectorAnalyzer: Analyzer = {
  meta: {
    name: 'telemetry.SelectorAnalyzer',
    description:
      "Validates that telemetries that define a selector match at least one pod, and that there aren't multiple telemetry resources that select overlapping pods",
    codes: ['IST0101', 'IST0159'],
    inputs: [
      'Telemetry',
      'Pod',
      'WorkloadEntry',
      'WorkloadGroup',
      'KubernetesGateway',
      'GatewayClass',
      'Service',
      'ServiceEntry',
    ],
    inAll: true,
  },
  analyze(rawCtx) {
    const ctx = withDedup(rawCtx);
    const selectedBy = new Map<WorkloadPod, WorkspaceResource[]>();
    for (const t of ctx.resources('Telemetry', 'telemetry.istio.io')) {
      targetsNotFound(ctx, t);
      const matchLabels = stringRecord(valueAt(t.value, 'spec', 'selector', 'matchLabels'));
      if (Object.keys(matchLabels).length === 0) continue;
      let found = false;
      // The namespace's pods the selector matches, from the index: a scan of every pod per Telemetry was quadratic.
      for (const p of podsOfInSelected(ctx, t.ns, matchLabels)) {
        found = true;
        selectedBy.set(p, [...(selectedBy.get(p) ?? []), t]);
      }
      const others = nonPodWorkloadLabels(ctx, t.ns);
      if (!found) found = others.some((l) => labelSelectorMatches({ matchLabels }, l));
      const slipped = () =>
        !chartMayRenderPods(ctx) &&
        nearMissSelector(matchLabels, [...podsOfIn(ctx, t.ns).map((p) => p.labels), ...others]);
      if (
        !found &&
        // With the whole cluster, the pods of a namespace a GitOps object installs a chart into are unknown.
        (ctx.assumeComplete
          ? !ctx.releasedInto(t.ns)
          : (others.length > 0 || podsOfIn(ctx, t.ns).some((p) => !isInstalled(p.resource))) && slipped())
      ) {
        ctx.report(
          'IST0101',
          t,
          ['selector', selectorString(matchLabels)],
          ['spec', 'selector', 'matchLabels'],
        );
      }
    }
    // Istio reports a Telemetry once per pod it shares; all sit on its name, where one finding shows
    // (a finding repeated at one range is reported once): the first is reported, the rest not built.
    const reported = new Set<WorkspaceResource>();
    for (const [pod, list] of selectedBy) {
      if (list.length < 2) continue;
      for (const t of list) {
        if (reported.has(t)) continue;
        // Telemetries of unrelated directories are applied apart (analysis/applyUnits.ts).
        const together = presentWith(ctx, t, list);
        if (together.length < 2) continue;
        ctx.report('IST0159', t, [sortedNames(together), pod.ns, pod.name], ['metadata', 'name']);
        reported.add(t);
      }
    }
  },
};
