// destinationrule.SubsetSelectPodAnalyzer: a DestinationRule host must resolve to a Service or
// ServiceEntry, and each subset must select at least one pod (pod labels augmented with the
// topology labels of the Node it runs on, as Istio's service registry does).
// Deliberate differences from istioctl: a wildcard host (`*.ns.svc.cluster.local`) matches the Services
// it covers (istioctl reports IST0174 for it), and without the whole cluster a wildcard covering no
// Service of the workspace is not reported (it covers whatever is deployed there). And a subset's
// endpoints are not only pods: it may select the VM workloads (WorkloadEntries, a WorkloadGroup's entries)
// of its Service's or ServiceEntry's namespace, or a ServiceEntry's own `endpoints` by their labels
// (util/non-pod-workloads.ts); istioctl reads only Pods and reports such a subset as selecting nothing.
// And a subset label a workload's controller sets on its pods at run time (`rollouts-pod-template-hash`,
// which Argo Rollouts writes into the subsets it manages, `pod-template-hash`...) is not proven to miss a
// pod of that workload's template, whose value the files cannot know (analysis/controllerLabels.ts);
// istioctl on files has no such pods and reports the subset, with the whole cluster too.
// And without the whole cluster, workloads of the service that are applied with the DestinationRule (one
// directory tree or kustomize rendering, analysis/applyUnits.ts) show what that apply deploys: a subset
// selecting none of them is reported. Workloads only other directories deploy prove a subset empty only
// when it misses one of them by a slip (a misspelt label key or value, analysis/nearMiss.ts): another
// version or track there (`version: v2` beside pods of `v1`, `track: canary`) is a release deployed apart,
// by a canary pipeline or another directory, as a canary's subsets are written before it runs.
import type { Analyzer, AnalysisContext, WorkloadPod } from '../analysis/analyzer';
import { NETWORKING, clusterDomain } from '../analysis/istio';
import { destinationHost, serviceEntryHostMap, type HostTarget } from '../analysis/hostMap';
import { canProveHostMissing } from '../analysis/provenMissing';
import { renamedServiceHint } from '../analysis/renamedByKustomize';
import { selectorMatches, stringRecord, type Labels } from '../analysis/labels';
import { maySelectPod, namesRuntimeLabel } from '../analysis/controllerLabels';
import { nearMissSelector } from '../analysis/nearMiss';
import { appliedTogether } from '../analysis/applyUnits';
import { arr, obj, str } from '../util/json';
import { vmWorkloadLabels } from './util/non-pod-workloads';

const TOPOLOGY_LABELS = [
  'topology.kubernetes.io/region',
  'topology.kubernetes.io/zone',
  'topology.istio.io/subzone',
];
const HOSTNAME_LABEL = 'kubernetes.io/hostname';

export const subsetSelectPodAnalyzer: Analyzer = {
  meta: {
    name: 'destinationrule.SubsetSelectPodAnalyzer',
    description: 'Checks if pods are selected by subsets in destination rules.',
    codes: ['IST0173', 'IST0174'],
    inputs: ['DestinationRule', 'Pod', 'Service', 'ServiceEntry', 'Node', 'WorkloadEntry', 'WorkloadGroup'],
    inAll: true,
  },
  analyze(ctx) {
    const services = serviceEntryHostMap(ctx);
    const domain = clusterDomain(ctx);
    const nodes = new Map(ctx.resources('Node', '').map((n) => [n.name, n.labels]));
    // A pod's labels are its own but on a Node of the workspace: the index answers a subset's selector
    // for the others, the few on a Node are matched one by one (scanning every pod for each trial
    // placement was most of this analyzer's cost there).
    const onNodes = nodes.size ? augmentedOnNodes(ctx.pods(), nodes) : new Map<WorkloadPod, Labels>();
    const nodeLabels = [...onNodes.values()];
    const selectsSome = (selector: Record<string, string>) =>
      ctx.podsSelectedBy(selector).some((p) => !onNodes.has(p)) ||
      nodeLabels.some((labels) => selectorMatches(selector, labels)) ||
      // A label a controller sets at run time: any pod of such a controller's template may carry the value.
      (namesRuntimeLabel(selector) &&
        ctx.pods().some((p) => maySelectPod(selector, p, onNodes.get(p) ?? p.labels)));
    ctx.eachSubject(ctx.resources('DestinationRule', NETWORKING), (r) => {
      const spec = obj(r.value.spec);
      const host = str(spec.host);
      const se = destinationHost(r.ns, arr(spec.exportTo).map(str), host, services, domain);
      if (!se) {
        // A wildcard host covers what exists when it is applied: only the whole cluster proves it covers nothing.
        const provable = host.startsWith('*') ? ctx.assumeComplete : canProveHostMissing(ctx, host, r.ns, r);
        if (provable)
          ctx.reportWithHint(renamedServiceHint(ctx, host, r), 'IST0174', r, [host], ['spec', 'host']);
        return;
      }
      // Subsets of a wildcard host span several services: istioctl never gets here (IST0174), neither do we.
      if (host.startsWith('*')) return;
      // Without the whole cluster, only a service whose workloads are in the workspace can prove a subset empty.
      const workloads = ctx.assumeComplete ? [] : workloadsOf(ctx, se);
      if (!ctx.assumeComplete && workloads.length === 0) return;
      const withRule = workloads.some((p) => appliedTogether(ctx, p.resource, r));
      const labelSets = workloads.map((p) => p.labels);
      const base = workloadSelector(se);
      const endpoints = nonPodEndpoints(ctx, se);
      const subsets = new Map<string, number>();
      arr(spec.subsets).forEach((ss, i) => subsets.set(str(obj(ss).name), i));
      for (const [name, i] of subsets) {
        const selector = { ...base, ...stringRecord(obj(arr(spec.subsets)[i]).labels) };
        if (selectsSome(selector) || endpoints.some((l) => selectorMatches(selector, l))) continue;
        if (ctx.assumeComplete || withRule || nearMissSelector(selector, [...labelSets, ...endpoints]))
          ctx.report('IST0173', r, [name], ['spec', 'subsets', i, 'name']);
      }
    });
  },
};

/** A ServiceEntry's workloadSelector labels (a Service converted by Istio has none). */
function workloadSelector(se: HostTarget): Record<string, string> {
  return se.resource.kind === 'ServiceEntry'
    ? stringRecord(obj(obj(se.resource.value.spec).workloadSelector).labels)
    : {};
}

/**
 * The labels of a host's endpoints that are not pods: a ServiceEntry's own `endpoints`, and the VM workloads
 * of its namespace that a Service's selector or a ServiceEntry's workloadSelector selects.
 */
function nonPodEndpoints(ctx: AnalysisContext, se: HostTarget): Labels[] {
  const r = se.resource;
  const spec = obj(r.value.spec);
  const inline = r.kind === 'ServiceEntry' ? arr(spec.endpoints).map((e) => stringRecord(obj(e).labels)) : [];
  const sel = r.kind === 'Service' ? stringRecord(spec.selector) : workloadSelector(se);
  if (Object.keys(sel).length === 0) return inline;
  return [...inline, ...vmWorkloadLabels(ctx, r.ns).filter((l) => selectorMatches(sel, l))];
}

/** The pods of the workspace that back this host: selected by the Service's selector or the ServiceEntry's workloadSelector. */
function workloadsOf(ctx: AnalysisContext, se: HostTarget): readonly WorkloadPod[] {
  const r = se.resource;
  const sel = r.kind === 'Service' ? stringRecord(obj(r.value.spec).selector) : workloadSelector(se);
  if (Object.keys(sel).length === 0) return [];
  return ctx.podsIn(r.ns).filter((p) => selectorMatches(sel, p.labels));
}

/** The pods that run on a Node of the workspace, with their labels plus its non-empty topology labels and hostname. */
function augmentedOnNodes(
  pods: readonly WorkloadPod[],
  nodes: Map<string, Readonly<Record<string, string>>>,
): Map<WorkloadPod, Labels> {
  const out = new Map<WorkloadPod, Labels>();
  for (const p of pods) {
    const nodeName = str(p.spec.nodeName);
    const node = nodeName ? nodes.get(nodeName) : undefined;
    if (!node) continue;
    const labels = { ...p.labels };
    for (const k of TOPOLOGY_LABELS) if (node[k]) labels[k] = node[k];
    labels[HOSTNAME_LABEL] = nodeName;
    out.set(p, labels);
  }
  return out;
}
