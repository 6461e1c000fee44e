// injection.Analyzer (istio/istio pkg/config/analysis/analyzers/injection/injection.go):
// namespaces not labelled for injection (IST0102, or IST0148 when the injector enables namespaces
// by default), namespaces with conflicting injection/ambient labels (IST0123), and Pods in an
// injected namespace that run no istio-proxy (IST0103).
// Without a cluster: only Namespace manifests of the workspace are judged (a namespace that is not
// a manifest is never reported), and enableNamespacesByDefault is read only from an injector
// ConfigMap in the workspace. Only Pods are checked for a proxy; workload templates are injected at
// admission. In the editor (assumeComplete false) a Pod must also be a live object exported from a
// cluster (status, uid or creationTimestamp): an authored Pod is injected when it is created.
import type { AnalysisContext, Analyzer } from '../analysis/analyzer';
import {
  DATAPLANE_MODE_LABEL,
  INJECTION_LABEL,
  REVISION_LABEL,
  SIDECAR_INJECT,
  containersOf,
  has,
  istioProxyImage,
  isLiveObject,
} from './util/mesh-membership';
import { injectorConfigMapName, injectorValues } from './util/injector-config';
import { withDedup } from './util/dedup-reporter';
import { valueAt } from '../util/json';

export const injectionAnalyzer: Analyzer = {
  meta: {
    name: 'injection.Analyzer',
    description: 'Checks conditions related to Istio sidecar injection',
    codes: ['IST0102', 'IST0103', 'IST0123', 'IST0148'],
    inputs: ['Namespace', 'Pod', 'ConfigMap'],
    inAll: true,
  },
  analyze(rawCtx) {
    const ctx = withDedup(rawCtx);
    const injected = injectedNamespaces(ctx);
    for (const pod of ctx.resources('Pod', '')) {
      if (!injected.has(pod.ns)) continue;
      const inject = has(pod.labels, SIDECAR_INJECT)
        ? pod.labels[SIDECAR_INJECT]
        : (pod.annotations[SIDECAR_INJECT] ?? '');
      if (inject.toLowerCase() === 'false') continue;
      if (valueAt(pod.value, 'spec', 'hostNetwork') === true) continue;
      if (!ctx.assumeComplete && !isLiveObject(pod.value)) continue;
      if (istioProxyImage(containersOf(pod.value.spec, true)) === '') {
        ctx.report(
          'IST0103',
          pod,
          [`${pod.ns}/${pod.name}`],
          valueAt(pod.value, 'spec', 'containers') ? ['spec', 'containers'] : ['metadata', 'name'],
        );
      }
    }
  },
};

/** Judges every Namespace manifest and returns the names of those labelled for sidecar injection. */
function injectedNamespaces(ctx: AnalysisContext): Set<string> {
  const injected = new Set<string>();
  // Like Istio, the flag keeps the value of the last injector ConfigMap found.
  let enableByDefault = false;
  for (const ns of ctx.resources('Namespace', '')) {
    if (ns.name === 'istio-system') continue;
    const labels = ns.labels;
    const hasLegacy = has(labels, INJECTION_LABEL);
    const legacy = labels[INJECTION_LABEL] ?? '';
    const hasRevision = has(labels, REVISION_LABEL);
    const present = hasLegacy ? [`${INJECTION_LABEL}=${legacy}`] : [];
    for (const l of [REVISION_LABEL, DATAPLANE_MODE_LABEL]) {
      if (has(labels, l) && (!hasLegacy || legacy === 'enabled')) present.push(`${l}=${labels[l]}`);
    }
    if (present.length > 1) ctx.report('IST0123', ns, [present], ['metadata', 'labels']);
    if (labels[DATAPLANE_MODE_LABEL] === 'ambient') continue;

    const cmName = injectorConfigMapName(labels[REVISION_LABEL] ?? '');
    const cm = ctx.resources('ConfigMap', '').find((c) => c.name === cmName);
    if (cm)
      enableByDefault =
        valueAt(injectorValues(cm), 'sidecarInjectorWebhook', 'enableNamespacesByDefault') === true;

    if (legacy === '' && !hasRevision) {
      if (enableByDefault) ctx.report('IST0148', ns, [], ['metadata', 'name']);
      else ctx.report('IST0102', ns, [ns.name, ns.name], ['metadata', 'name']);
      continue;
    }
    if (legacy !== 'enabled') continue; // deliberately not injected (or revision-labelled only)
    injected.add(ns.name);
  }
  return injected;
}

/** Exported from a cluster rather than authored: the API server set status, uid or creationTimestamp. */
