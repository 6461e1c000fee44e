// Whether a pod is in the mesh, as Istio's analyzers decide it (istio/istio
// pkg/config/analysis/analyzers/util/in_mesh.go, config.go): a running istio-proxy, else the pod's
// sidecar.istio.io/inject label or annotation, else the istio-injection label of its Namespace.
// Offline, only a Namespace manifest carrying the label (or istio.io/rev) decides; otherwise the
// membership is unknown (undefined), and istioctl's answer (out of the mesh) holds only for the whole
// cluster (assumeComplete).
// Difference from istioctl: its inMesh ignores revision-based injection, so a pod of a namespace
// labelled `istio.io/rev: <rev>` (no istio-injection label), or itself labelled so in a namespace
// with neither label, is out of the mesh on files; the revision's webhook injects it (its
// namespaceSelector / objectSelector in istiod's MutatingWebhookConfiguration), so it is in.
import type { AnalysisContext, WorkloadPod, WorkspaceResource } from '../../analysis/analyzer';
import { obj, objs, valueAt, type Obj } from '../../util/json';
import type { Labels } from '../../analysis/labels';

export const ISTIO_PROXY = 'istio-proxy';
export const INJECTION_LABEL = 'istio-injection';
export const REVISION_LABEL = 'istio.io/rev';
export const SIDECAR_INJECT = 'sidecar.istio.io/inject';
export const DATAPLANE_MODE_LABEL = 'istio.io/dataplane-mode';

/** The Namespace manifest with this name, if the workspace has one (the first, in workspace order). */
export function namespaceManifest(ctx: AnalysisContext, name: string): WorkspaceResource | undefined {
  const list = ctx.resources('Namespace', '');
  let index = namespacesByName.get(list);
  if (!index) {
    index = new Map();
    for (const r of list) if (!index.has(r.name)) index.set(r.name, r);
    namespacesByName.set(list, index);
  }
  return index.get(name);
}

/** Per Namespace list (the workspace memoises it): analyzers ask once per pod, a scan each was quadratic. */
const namespacesByName = new WeakMap<readonly WorkspaceResource[], Map<string, WorkspaceResource>>();

/** Istio's IsIstioControlPlane: an `istio` label (any value) or `release: istio`. */
export function isIstioControlPlane(labels: Readonly<Record<string, string>>): boolean {
  return Object.prototype.hasOwnProperty.call(labels, 'istio') || labels.release === 'istio';
}

/** The container entries of a pod spec (objects only), optionally followed by the init containers. */
export function containersOf(spec: unknown, withInit: boolean): Obj[] {
  const s = obj(spec);
  return withInit ? [...objs(s.containers), ...objs(s.initContainers)] : objs(s.containers);
}

/** Exported from a cluster rather than authored: the API server set status, uid or creationTimestamp. */
export function isLiveObject(v: Obj): boolean {
  return (
    v.status != null ||
    valueAt(v, 'metadata', 'uid') != null ||
    valueAt(v, 'metadata', 'creationTimestamp') != null
  );
}

/** The image of the first container named istio-proxy ('' when none). */
export function istioProxyImage(containers: readonly Obj[]): string {
  const c = containers.find((x) => x.name === ISTIO_PROXY);
  return typeof c?.image === 'string' ? c.image : '';
}

export interface PodFacts {
  ns: string;
  labels: Readonly<Record<string, string>>;
  annotations: Readonly<Record<string, string>>;
  containers: readonly Obj[];
}

/** util.inMesh: false when nothing says the pod is in the mesh (as Istio decides). */
export function inMesh(ctx: AnalysisContext, pod: PodFacts): boolean {
  return meshMembership(ctx, pod) === true;
}

/** The same, but undefined when only the pod's Namespace would decide and no manifest of it has the label. */
export function meshMembership(ctx: AnalysisContext, pod: PodFacts): boolean | undefined {
  if (istioProxyImage(pod.containers) !== '') return true;
  if (has(pod.labels, SIDECAR_INJECT)) return pod.labels[SIDECAR_INJECT] === 'true';
  if (has(pod.annotations, SIDECAR_INJECT)) return pod.annotations[SIDECAR_INJECT] === 'true';
  const ns = namespaceManifest(ctx, pod.ns);
  if (ns && has(ns.labels, INJECTION_LABEL)) return ns.labels[INJECTION_LABEL] === 'enabled';
  if (ns && has(ns.labels, REVISION_LABEL)) return ns.labels[REVISION_LABEL] !== '';
  if (pod.labels[REVISION_LABEL]) return true;
  // A Namespace manifest without either label says nothing either: namespaces are labelled with
  // `kubectl label` as often as in manifests (apply keeps such labels), and an installation may inject
  // every namespace by default (sidecarInjectorWebhook.enableNamespacesByDefault).
  return undefined;
}

/**
 * The pods an analyzer reasons about: with the whole cluster (assumeComplete), the Pod manifests, as
 * Istio reads them; in a workspace, also the pod templates of workloads, which stand for their pods.
 */
export function podsOf(ctx: AnalysisContext): readonly WorkloadPod[] {
  return ctx.assumeComplete ? ctx.pods().filter((p) => !p.fromTemplate) : ctx.pods();
}

/** podsOf in one namespace, from the workspace's index. */
export function podsOfIn(ctx: AnalysisContext, ns: string): readonly WorkloadPod[] {
  return ctx.assumeComplete ? ctx.podsIn(ns).filter((p) => !p.fromTemplate) : ctx.podsIn(ns);
}

/**
 * The pods of podsIn(ns) a selector matches, in that order, from the workspace's label index (pods() order
 * both): a scan of the namespace's pods per Sidecar or Telemetry made each trial placement, which puts
 * every undecided pod in one namespace, quadratic.
 */
export function podsInSelected(ctx: AnalysisContext, ns: string, selector: Labels): WorkloadPod[] {
  const inNs = ctx.podsIn(ns);
  let members = podSets.get(inNs);
  if (!members) podSets.set(inNs, (members = new Set(inNs)));
  return ctx.podsSelectedBy(selector).filter((p) => members.has(p));
}
/** The members of each list podsIn gave (the workspace memoises them). */
const podSets = new WeakMap<readonly WorkloadPod[], ReadonlySet<WorkloadPod>>();

/** podsOfIn's pods a selector matches: podsInSelected, without templates with the whole cluster. */
export function podsOfInSelected(ctx: AnalysisContext, ns: string, selector: Labels): WorkloadPod[] {
  const pods = podsInSelected(ctx, ns, selector);
  return ctx.assumeComplete ? pods.filter((p) => !p.fromTemplate) : pods;
}

/**
 * Enrolled in ambient by its labels, as istio-cni decides at runtime (the annotation PodInAmbientMode reads
 * is set then, so it is never in a manifest): the pod's istio.io/dataplane-mode (`none` opts out), else its
 * Namespace manifest's, unless sidecar injection is on there (util.NamespaceInAmbientMode).
 */
export function enrolledInAmbient(
  ctx: AnalysisContext,
  pod: { ns: string; labels: PodFacts['labels'] },
): boolean {
  const own = pod.labels[DATAPLANE_MODE_LABEL];
  if (own !== undefined) return own === 'ambient';
  const ns = namespaceManifest(ctx, pod.ns)?.labels;
  if (!ns || ns[INJECTION_LABEL] === 'enabled' || ns[REVISION_LABEL]) return false;
  return ns[DATAPLANE_MODE_LABEL] === 'ambient';
}

/** util.PodInAmbientMode: ztunnel has redirected the pod's traffic. */
export function podInAmbientMode(annotations: Readonly<Record<string, string>>): boolean {
  return annotations['ambient.istio.io/redirection'] === 'enabled';
}

export function has(m: Readonly<Record<string, string>>, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, k);
}
