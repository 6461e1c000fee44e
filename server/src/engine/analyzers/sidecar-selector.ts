// sidecar.SelectorAnalyzer: a Sidecar's workload selector must select pods of its namespace; two
// Sidecars must not select the same pod, nor two namespace-wide Sidecars share a namespace; in ambient
// mode (pod or namespace) a Sidecar has no effect.
// Difference from istioctl (deliberate): Sidecars of unrelated directories are applied apart, so two
// namespace-wide ones there are no IST0111, nor two selecting one pod IST0110, unless one rendering joins
// them or the inputs are the whole cluster. And a selector matching a VM workload of the namespace (a
// WorkloadEntry, a WorkloadGroup's entries) or the pods Istio deploys for a Gateway API Gateway there
// (util/non-pod-workloads.ts) selects it, and a slip from them is a mistake: istioctl reads only Pods and
// reports IST0101.
// Nor do two files of a directory of tutorial steps or versions, applied a file at a time
// (analysis/stepDirectories.ts): nothing shows both in the cluster at once.
import type { Analyzer, AnalysisContext, WorkspaceResource, WorkloadPod } from '../analysis/analyzer';
import { NETWORKING, distinctByName, fullName } from '../analysis/istio';
import { selectorMatches, selectorString, stringRecord, type Labels } from '../analysis/labels';
import { isInstalled } from '../analysis/installed';
import { obj } from '../util/json';
import type { PathSegment } from '../parse/nodes';
import { chartMayRenderPods, nearMissSelector } from '../analysis/nearMiss';
import { presentWith } from '../analysis/applyUnits';
import { nonPodWorkloadLabels } from './util/non-pod-workloads';
import { podsInSelected } from './util/mesh-membership';

export const sidecarSelectorAnalyzer: Analyzer = {
  meta: {
    name: 'sidecar.SelectorAnalyzer',
    description:
      "Validates that sidecars that define a workload selector match at least one pod, and that there aren't multiple sidecar resources that select overlapping pods",
    codes: ['IST0101', 'IST0110', 'IST0111', 'IST0167'],
    inputs: [
      'Sidecar',
      'Pod',
      'Namespace',
      'WorkloadEntry',
      'WorkloadGroup',
      'KubernetesGateway',
      'GatewayClass',
    ],
    inAll: true,
  },
  analyze(ctx) {
    const podsToSidecars = new Map<string, { pod: WorkloadPod; sidecars: WorkspaceResource[] }>();
    const nsToSidecars = new Map<string, WorkspaceResource[]>();
    for (const rs of distinctByName(ctx.resources('Sidecar', NETWORKING))) {
      const labels = stringRecord(obj(obj(rs.value.spec).workloadSelector).labels);
      if (Object.keys(labels).length === 0) {
        nsToSidecars.set(rs.ns, [...(nsToSidecars.get(rs.ns) ?? []), rs]);
        continue;
      }
      let found = false;
      // The namespace's pods the selector matches, from the index: a scan of every pod per Sidecar was quadratic.
      for (const pod of podsInSelected(ctx, rs.ns, labels)) {
        found = true;
        const key = `${pod.ns}/${pod.name}`;
        const entry = podsToSidecars.get(key) ?? { pod, sidecars: [] };
        entry.sidecars.push(rs);
        podsToSidecars.set(key, entry);
      }
      const others = nonPodWorkloadLabels(ctx, rs.ns);
      if (!found) found = others.some((l) => selectorMatches(labels, l));
      if (
        !found &&
        (others.length > 0 || provesNoPods(ctx, rs.ns)) &&
        (ctx.assumeComplete || nearMissPod(ctx, labels, rs.ns, others))
      ) {
        const first = Object.keys(labels).sort()[0];
        ctx.report(
          'IST0101',
          rs,
          ['selector', selectorString(labels)],
          ['spec', 'workloadSelector', 'labels', first],
        );
      }
    }
    const namespaces = new Map(ctx.resources('Namespace', '').map((n) => [n.name, n]));
    const reported = new Set<string>();
    /** IST0167 once per Sidecar: what is in ambient mode makes it have no impact. */
    const reportAmbient = (rs: WorkspaceResource, what: string, path: PathSegment[]) => {
      if (reported.has(fullName(rs))) return;
      ctx.report('IST0167', rs, [`${what} is in ambient mode, the policy has no impact`], path);
      reported.add(fullName(rs));
    };
    // IST0110 is Istio's once per shared pod; all sit on the Sidecar's name, where one finding shows
    // (a finding repeated at one range is reported once): the first is reported, the rest not built.
    const conflicting = new Set<WorkspaceResource>();
    for (const { pod, sidecars } of podsToSidecars.values()) {
      const ambient = podInAmbientMode(pod);
      if (sidecars.length === 1 && !ambient) continue;
      for (const rs of sidecars) {
        if (ambient) {
          reportAmbient(rs, 'selected workload', ['spec', 'workloadSelector']);
          continue;
        }
        if (conflicting.has(rs)) continue;
        // Sidecars of unrelated directories are applied apart (analysis/applyUnits.ts).
        const together = presentWith(ctx, rs, sidecars);
        if (together.length < 2) continue;
        ctx.report('IST0110', rs, [together.map((s) => s.name), pod.ns, pod.name], ['metadata', 'name']);
        conflicting.add(rs);
      }
    }
    for (const [ns, list] of nsToSidecars) {
      if (namespaceInAmbientMode(namespaces.get(ns))) {
        for (const rs of list) reportAmbient(rs, 'namespace', ['metadata', 'name']);
        continue;
      }
      for (const rs of list) {
        // Sidecars of unrelated directories are applied apart (analysis/applyUnits.ts).
        const together = presentWith(ctx, rs, list);
        if (together.length > 1)
          ctx.report('IST0111', rs, [together.map((s) => s.name), ns], ['metadata', 'name']);
      }
    }
  },
};

/**
 * Without the whole cluster, only a namespace whose workloads are in the workspace can prove a selector
 * empty; with it, any namespace but one a GitOps object installs a chart into (its pods are unknown).
 */
function provesNoPods(ctx: AnalysisContext, ns: string): boolean {
  if (ctx.assumeComplete) return !ctx.releasedInto(ns);
  return ctx.podsIn(ns).some((p) => !isInstalled(p.resource));
}

/** Without the whole cluster, a selector matching nothing is a mistake when it misses a pod by a slip. */
function nearMissPod(
  ctx: AnalysisContext,
  selector: Record<string, string>,
  ns: string,
  others: readonly Labels[],
): boolean {
  if (chartMayRenderPods(ctx)) return false;
  return nearMissSelector(selector, [...ctx.podsIn(ns).map((p) => p.labels), ...others]);
}

/** util.PodInAmbientMode: ambient redirection enabled on the pod. */
export function podInAmbientMode(pod: WorkloadPod): boolean {
  return pod.annotations['ambient.istio.io/redirection'] === 'enabled';
}

/** util.NamespaceInAmbientMode: dataplane-mode ambient and no sidecar injection label or revision. */
export function namespaceInAmbientMode(ns: WorkspaceResource | undefined): boolean {
  if (!ns) return false;
  const l = ns.labels;
  if (l['istio-injection'] === 'enabled') return false;
  if (l['istio.io/rev']) return false;
  return l['istio.io/dataplane-mode'] === 'ambient';
}
