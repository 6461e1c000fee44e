// injection.ImageAutoAnalyzer (istio/istio pkg/config/analysis/analyzers/injection/image-auto.go):
// `image: auto` on istio-proxy is a placeholder the injector fills. A Pod carrying it is reported
// always (IST0147: a Pod is not re-injected); a Deployment when no Istio injection webhook selects it (IST0146).
// Without a cluster: the webhooks are the MutatingWebhookConfiguration manifests of the workspace;
// with none, the Deployment check is skipped (it cannot prove the webhook is missing). A namespace
// without a Namespace manifest has no labels, as in Istio.
import type { Analyzer } from '../analysis/analyzer';
import { labelSelectorMatches, type LabelSelector } from '../analysis/labels';
import { stringMap } from '../analysis/resource';
import type { PathSegment } from '../parse/nodes';
import { ISTIO_PROXY, namespaceManifest } from './util/mesh-membership';

interface Hook { namespaceSelector?: LabelSelector | null; objectSelector?: LabelSelector | null }

export const injectionImageAutoAnalyzer: Analyzer = {
  meta: {
    name: 'injection.ImageAutoAnalyzer',
    description: 'Makes sure that Pods and Deployments with `image: auto` are going to be injected',
    codes: ['IST0146', 'IST0147'],
    inputs: ['Namespace', 'Pod', 'Deployment', 'MutatingWebhookConfiguration'],
    inAll: true,
  },
  analyze(ctx) {
    const hooks: Hook[] = [];
    for (const mwc of ctx.resources('MutatingWebhookConfiguration', 'admissionregistration.k8s.io')) {
      for (const wh of Array.isArray(mwc.value.webhooks) ? mwc.value.webhooks : []) {
        if (typeof wh?.name === 'string' && wh.name.endsWith('istio.io')) hooks.push(wh);
      }
    }
    for (const pod of ctx.resources('Pod', '')) {
      const at = autoImage(pod.value.spec, []);
      if (at) ctx.report('IST0147', pod, ['Pod', pod.name], at);
    }
    if (hooks.length === 0) return;
    for (const d of ctx.resources('Deployment', 'apps')) {
      const tpl = d.value.spec?.template;
      const at = autoImage(tpl?.spec, ['spec', 'template']);
      if (!at) continue;
      const nsLabels = namespaceManifest(ctx, d.ns)?.labels ?? {};
      const podLabels = stringMap(tpl?.metadata?.labels);
      if (!hooks.some((h) => selects(h.namespaceSelector, nsLabels) && selects(h.objectSelector, podLabels))) {
        ctx.report('IST0146', d, ['Deployment', d.name], at);
      }
    }
  },
};

/** The path of the `image: auto` of an istio-proxy container, or null. */
function autoImage(spec: any, podPath: readonly PathSegment[]): PathSegment[] | null {
  const containers: unknown[] = Array.isArray(spec?.containers) ? spec.containers : [];
  const i = containers.findIndex((c: any) => c?.name === ISTIO_PROXY && c?.image === 'auto');
  return i < 0 ? null : [...podPath, 'spec', 'containers', i, 'image'];
}

/** A missing selector matches everything (admission webhook default). */
function selects(selector: LabelSelector | null | undefined, labels: Record<string, string>): boolean {
  return selector == null || labelSelectorMatches(selector, labels);
}
