// injection.ImageAnalyzer (istio/istio pkg/config/analysis/analyzers/injection/injection-image.go):
// in namespaces labelled for injection, running proxies whose image differs from the injector's
// (after an upgrade, pods keep the old sidecar until redeployed).
// Without a cluster: needs the injector ConfigMap and the Namespace manifests in the workspace (else
// silent); it compares Pod manifests only (what `kubectl get pods -o yaml` exports), and takes the
// image variant (e.g. distroless) from the MeshConfig setting, ProxyConfig manifests and pod annotations.
import type { AnalysisContext, Analyzer, WorkspaceResource } from '../analysis/analyzer';
import { INJECTION_LABEL, REVISION_LABEL, ISTIO_PROXY, containersOf, has } from './util/mesh-membership';
import { injectorConfigMapName, injectorProxyImage } from './util/injector-config';
import { mapContains } from './util/selector-string';
import { parse as parseYaml } from 'yaml';
import { withDedup } from './util/dedup-reporter';
import { asString, valueAt } from '../util/json';
import { rootNamespaceOf } from '../mesh';

export const injectionImageAnalyzer: Analyzer = {
  meta: {
    name: 'injection.ImageAnalyzer',
    description: 'Checks the image of auto-injection configured with the running proxies on pods',
    codes: ['IST0158'],
    inputs: ['Namespace', 'Pod', 'ConfigMap', 'MeshConfig', 'ProxyConfig'],
    inAll: true,
  },
  analyze(rawCtx) {
    const ctx = withDedup(rawCtx);
    const images = new Map<string, string>();
    for (const cm of ctx.resources('ConfigMap', '')) {
      if (cm.name.startsWith('istio-sidecar-injector')) images.set(cm.name, injectorProxyImage(cm));
    }
    if (images.size === 0) return;

    const namespaces = new Map<string, WorkspaceResource>();
    const revisionOf = new Map<string, string>();
    for (const ns of ctx.resources('Namespace', '')) {
      namespaces.set(ns.name, ns);
      if (has(ns.labels, REVISION_LABEL)) revisionOf.set(ns.name, ns.labels[REVISION_LABEL]);
      else if (ns.labels[INJECTION_LABEL] === 'enabled') revisionOf.set(ns.name, 'default');
    }

    const variantOf = imageTypeResolver(ctx);
    const mismatched = new Map<string, string[]>();
    for (const pod of ctx.resources('Pod', '')) {
      const revision = revisionOf.get(pod.ns);
      if (revision === undefined) continue;
      if ((pod.annotations['sidecar.istio.io/proxyImage'] ?? '') !== '') continue; // a custom image always wins
      const expected = images.get(injectorConfigMapName(revision));
      const variant = variantOf(pod);
      for (const c of containersOf(pod.value.spec, true)) {
        if (c.name !== ISTIO_PROXY) continue;
        if (expected === undefined) break;
        if (c.image !== expected && c.image !== `${expected}-${variant}`) {
          mismatched.set(pod.ns, [...(mismatched.get(pod.ns) ?? []), pod.name]);
        }
      }
    }
    for (const [ns, pods] of mismatched) {
      const res = namespaces.get(ns);
      if (res) ctx.report('IST0158', res, [pods], ['metadata', 'name']);
    }
  },
};

/**
 * Istio's EffectiveProxyConfigResolver.ImageType: MeshConfig defaultConfig, then the root-namespace
 * ProxyConfig, the namespace's selector-less one, a workload one, then the pod's proxy.istio.io/config.
 */
function imageTypeResolver(ctx: AnalysisContext): (pod: WorkspaceResource) => string {
  const root = rootNamespaceOf(ctx.meshConfig);
  const typeOf = (v: unknown): string => asString(valueAt(v, 'image', 'imageType')) ?? '';
  let rootType = '';
  const nsType = new Map<string, string>();
  const workload: { ns: string; matchLabels: Record<string, string>; type: string }[] = [];
  for (const pc of ctx.resources('ProxyConfig', 'networking.istio.io')) {
    const spec = pc.value.spec;
    const selector = valueAt(spec, 'selector');
    if (pc.ns === root) rootType = typeOf(spec);
    else if (selector == null) nsType.set(pc.ns, typeOf(spec));
    else
      workload.push({
        ns: pc.ns,
        matchLabels: stringValues(valueAt(selector, 'matchLabels')),
        type: typeOf(spec),
      });
  }
  const meshType = typeOf(valueAt(ctx.meshConfig, 'defaultConfig'));
  return (pod) => {
    let variant = meshType;
    if (rootType) variant = rootType;
    const t = nsType.get(pod.ns);
    if (t) variant = t;
    for (const w of workload) {
      // Istio tests maps.Contains(selector, podLabels): every pod label must be in the selector.
      if (w.ns === pod.ns && w.type && mapContains(w.matchLabels, pod.labels)) variant = w.type;
    }
    const annotation = pod.annotations['proxy.istio.io/config'];
    if (annotation) {
      try {
        const pc: unknown = parseYaml(annotation);
        if (typeOf(pc)) variant = typeOf(pc);
      } catch {
        /* Istio ignores an unparsable annotation here */
      }
    }
    return variant === 'default' ? '' : variant;
  };
}

function stringValues(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object' && !Array.isArray(v))
    for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}
