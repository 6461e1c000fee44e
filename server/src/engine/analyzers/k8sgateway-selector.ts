// k8sgateway.SelectorAnalyzer (istio/istio pkg/config/analysis/analyzers/k8sgateway/workloadselector.go):
// a policy's workload selector that picks the pods of a Kubernetes Gateway has no effect there;
// gateways are targeted with targetRef(s).
// Without a cluster: gateway pods are those of the workspace (Pods and pod templates labelled
// gateway.networking.k8s.io/gateway-name); the Deployments istiod generates for a Gateway are not seen.
import type { Analyzer } from '../analysis/analyzer';
import { stringRecord } from '../analysis/labels';
import { mapContains } from './util/selector-string';
import { withDedup } from './util/dedup-reporter';
import { arr, valueAt } from '../util/json';

const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

const POLICY_KINDS: readonly { kind: string; group: string }[] = [
  { kind: 'AuthorizationPolicy', group: 'security.istio.io' },
  { kind: 'RequestAuthentication', group: 'security.istio.io' },
  { kind: 'Telemetry', group: 'telemetry.istio.io' },
  { kind: 'WasmPlugin', group: 'extensions.istio.io' },
];

export const k8sGatewaySelectorAnalyzer: Analyzer = {
  meta: {
    name: 'k8sgateway.SelectorAnalyzer',
    description: 'Check that selectors are effective for Kubernetes gateway',
    codes: ['IST0166'],
    inputs: ['AuthorizationPolicy', 'RequestAuthentication', 'Telemetry', 'WasmPlugin', 'Pod'],
    inAll: true,
  },
  analyze(rawCtx) {
    const ctx = withDedup(rawCtx);
    const gatewayPods = ctx
      .pods()
      .filter((p) => Object.prototype.hasOwnProperty.call(p.labels, GATEWAY_NAME_LABEL));
    if (gatewayPods.length === 0) return;
    for (const { kind, group } of POLICY_KINDS) {
      for (const r of ctx.resources(kind, group)) {
        const spec = r.value.spec;
        if (valueAt(spec, 'targetRef') != null || arr(valueAt(spec, 'targetRefs')).length > 0) continue;
        const selector = valueAt(spec, 'selector');
        if (selector == null || typeof selector !== 'object') continue;
        const matchLabels = stringRecord(valueAt(selector, 'matchLabels'));
        for (const pod of gatewayPods) {
          if (pod.ns === r.ns && mapContains(pod.labels, matchLabels)) {
            ctx.report('IST0166', r, [pod.labels[GATEWAY_NAME_LABEL]], ['spec', 'selector']);
          }
        }
      }
    }
  },
};
