// The workloads a selector selects beyond the workspace's pods and pod templates.
// VM workloads, which Istio knows beside pods (VMs, bare metal: istio/istio pilot/pkg/serviceregistry/serviceentry,
// the kube controller's WorkloadInstanceHandler): a WorkloadEntry, with its `labels`, and the entries a
// WorkloadGroup registers, with its `template.labels` under its `metadata.labels` (autoregistration merges
// them so; the VM's own labels, known at runtime, may add more). Their proxies get the policies, Sidecars
// and Telemetries whose selectors match those labels, and they are endpoints of the Kubernetes Services
// (by selector) and ServiceEntries (by workloadSelector) of their namespace, which a DestinationRule subset
// selects. istioctl's analyzers read only Pods: a selector of VM workloads "selects nothing" there.
import type { AnalysisContext, WorkspaceResource } from '../../analysis/analyzer';
import { GATEWAY_API, NETWORKING } from '../../analysis/groups';
import { gatewayPodLabels, istioGatewayClasses, isWaypointGateway } from '../../analysis/gatewayController';
import { stringRecord, type Labels } from '../../analysis/labels';
import { valueAt } from '../../util/json';

/** The labels of the WorkloadEntries of a namespace, and of those its WorkloadGroups register. */
export function vmWorkloadLabels(ctx: AnalysisContext, ns: string): Labels[] {
  return [
    ...labelsOf(ctx.resourcesIn('WorkloadEntry', ns, NETWORKING), (r) =>
      stringRecord(valueAt(r.value, 'spec', 'labels')),
    ),
    ...labelsOf(ctx.resourcesIn('WorkloadGroup', ns, NETWORKING), (r) => ({
      ...stringRecord(valueAt(r.value, 'spec', 'template', 'labels')),
      ...stringRecord(valueAt(r.value, 'spec', 'metadata', 'labels')),
    })),
  ];
}

/**
 * The non-empty labels of a list's workloads, kept per list: the workspace memoises its lists (a trial
 * placement shares those of the namespaces it does not move), and selectors ask once per Sidecar,
 * Telemetry or subset of a namespace. Reading labels and names records nothing for the watch.
 */
function labelsOf(list: readonly WorkspaceResource[], read: (r: WorkspaceResource) => Labels): Labels[] {
  let hit = labelsCache.get(list);
  if (!hit) labelsCache.set(list, (hit = list.map(read).filter((l) => Object.keys(l).length > 0)));
  return hit;
}
const labelsCache = new WeakMap<readonly WorkspaceResource[], Labels[]>();

/** The namespaces holding WorkloadEntries or WorkloadGroups (for a mesh-wide selector). */
export function vmWorkloadNamespaces(ctx: AnalysisContext): Set<string> {
  return new Set(
    [...ctx.resources('WorkloadEntry', NETWORKING), ...ctx.resources('WorkloadGroup', NETWORKING)].map(
      (r) => r.ns,
    ),
  );
}

/**
 * The labels of the pods Istio's gateway controller deploys for the Gateway API Gateways of a namespace
 * (analysis/gatewayController.ts): policies select them by `gateway.networking.k8s.io/gateway-name`
 * (ENABLE_SELECTOR_BASED_K8S_GATEWAY_POLICY, on by default; IST0166 recommends targetRefs). istioctl on files,
 * without those Pods, reports such a selector as matching nothing. Not a waypoint's: istiod never applies a
 * selector (or selector-less) policy to a waypoint (WorkloadPolicyMatcher), only targetRefs.
 */
export function gatewayApiPodLabels(ctx: AnalysisContext, ns: string): Labels[] {
  const inNs = ctx.resourcesIn('Gateway', ns, GATEWAY_API);
  let hit = gatewayLabelsCache.get(inNs);
  if (!hit) gatewayLabelsCache.set(inNs, (hit = { gateways: inNs.filter((gw) => !isWaypointGateway(gw)) }));
  if (!hit.gateways.length) return [];
  const classList = ctx.resources('GatewayClass', GATEWAY_API);
  if (hit.classList !== classList || !hit.labels) {
    const classes = istioGatewayClasses(classList);
    hit.classList = classList;
    hit.labels = hit.gateways
      .map((gw) => gatewayPodLabels(gw, classes))
      .filter((l): l is Labels => l !== undefined);
  }
  return hit.labels;
}
/** Per list of a namespace's Gateways, as labelsOf: those deployed for, their labels and the classes read. */
const gatewayLabelsCache = new WeakMap<
  readonly WorkspaceResource[],
  { gateways: WorkspaceResource[]; classList?: readonly WorkspaceResource[]; labels?: Labels[] }
>();

/** The namespaces holding Gateway API Gateways (for a mesh-wide selector). */
export function gatewayApiNamespaces(ctx: AnalysisContext): Set<string> {
  return new Set(ctx.resources('Gateway', GATEWAY_API).map((r) => r.ns));
}

/** What a workload selector of a namespace may select besides its pods: VM workloads and Gateway API gateway pods. */
export function nonPodWorkloadLabels(ctx: AnalysisContext, ns: string): Labels[] {
  return [...vmWorkloadLabels(ctx, ns), ...gatewayApiPodLabels(ctx, ns)];
}
