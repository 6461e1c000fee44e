// injection.ImageAutoAnalyzer (istio/istio pkg/config/analysis/analyzers/injection/image-auto.go):
// `image: auto` on istio-proxy is a placeholder the injector fills. A Pod still carrying it was not
// injected (IST0147); a Deployment is reported when no Istio injection webhook selects it (IST0146).
// Without a cluster (assumeComplete false): the webhooks are the MutatingWebhookConfiguration
// manifests of the workspace; with none, nothing is proved missing; a namespace selector cannot be
// ruled out for a namespace that is not a manifest; and an authored Pod (not exported from a
// cluster: no status, uid or creationTimestamp) is judged like a Deployment, as it is yet to be injected.
import type { Analyzer } from '../analysis/analyzer';
import { labelSelectorMatches, stringRecord } from '../analysis/labels';
import type { PathSegment } from '../parse/nodes';
import { ISTIO_PROXY, isLiveObject, namespaceManifest } from './util/mesh-membership';
import { withDedup } from './util/dedup-reporter';
import { arr, isObj, objs, valueAt, type Obj } from '../util/json';

export const injectionImageAutoAnalyzer: Analyzer = {
  meta: {
    name: 'injection.ImageAutoAnalyzer',
    description: 'Makes sure that Pods and Deployments with `image: auto` are going to be injected',
    codes: ['IST0146', 'IST0147'],
    inputs: ['Namespace', 'Pod', 'Deployment', 'MutatingWebhookConfiguration'],
    inAll: true,
  },
  analyze(rawCtx) {
    const ctx = withDedup(rawCtx);
    const hooks: Obj[] = [];
    for (const mwc of ctx.resources('MutatingWebhookConfiguration', 'admissionregistration.k8s.io')) {
      for (const wh of objs(mwc.value.webhooks)) {
        if (typeof wh.name === 'string' && wh.name.endsWith('istio.io')) hooks.push(wh);
      }
    }
    const provable = hooks.length > 0 || ctx.assumeComplete;
    /** No webhook can inject a pod with these labels in this namespace. */
    const notInjected = (nsName: string, podLabels: Record<string, string>): boolean => {
      if (!provable) return false;
      const ns = namespaceManifest(ctx, nsName);
      const nsMatches = (h: Obj) =>
        ns || ctx.assumeComplete ? selects(h.namespaceSelector, ns?.labels ?? {}) : true;
      return !hooks.some((h) => nsMatches(h) && selects(h.objectSelector, podLabels));
    };
    for (const pod of ctx.resources('Pod', '')) {
      const at = autoImage(pod.value.spec, []);
      if (!at) continue;
      // A Pod in the cluster went through admission already: if it still says auto, it was not injected.
      if (ctx.assumeComplete || isLiveObject(pod.value) || notInjected(pod.ns, pod.labels))
        ctx.report('IST0147', pod, ['Pod', pod.name], at);
    }
    for (const d of ctx.resources('Deployment', 'apps')) {
      const tpl = valueAt(d.value, 'spec', 'template');
      const at = autoImage(valueAt(tpl, 'spec'), ['spec', 'template']);
      if (at && notInjected(d.ns, stringRecord(valueAt(tpl, 'metadata', 'labels'))))
        ctx.report('IST0146', d, ['Deployment', d.name], at);
    }
  },
};

/** Exported from a cluster rather than authored: the API server set status, uid or creationTimestamp. */

/** The path of the `image: auto` of an istio-proxy container, or null. */
function autoImage(spec: unknown, podPath: readonly PathSegment[]): PathSegment[] | null {
  const containers = arr(valueAt(spec, 'containers'));
  const i = containers.findIndex((c) => isObj(c) && c.name === ISTIO_PROXY && c.image === 'auto');
  return i < 0 ? null : [...podPath, 'spec', 'containers', i, 'image'];
}

/** A missing selector matches everything (admission webhook default). */
function selects(selector: unknown, labels: Record<string, string>): boolean {
  return selector == null || labelSelectorMatches(selector, labels);
}
