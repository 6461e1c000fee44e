// gateway.IngressGatewayPortAnalyzer: a Gateway must select gateway pods, and each server port must
// be a (target) port of a TCP Service port that selects those pods.
// Deliberate difference from istioctl: a Service port without `protocol` is TCP, as the API server
// defaults it. istioctl reads files undefaulted and skips such ports, so a Gateway on 80 behind a
// Service 80→8080 written without `protocol` gets a false IST0162; Istio programs it fine.
// A port missing only from the assumed default installation's gateway Service (no IstioOperator of the
// workspace renders it) is information: the cluster may run another profile (demo opens 31400), so the
// workspace does not prove the port closed.
// A selector that misses every gateway pod is reported only when the workspace proves it selects nothing:
// with the whole cluster, a slip from the labels of a gateway it deploys, or the labels of a gateway its
// control plane's IstioOperator replaced by its own (the default ingress gateway disabled or left out of a
// gateway list that installs another: istioctl install does not create it; a gateway-only install beside
// it replaces nothing, analysis/istioOperator.ts replacedGateways).
import type { Analyzer, AnalysisContext, WorkloadPod, WorkspaceResource } from '../analysis/analyzer';
import { editDistance } from '../schema/suggest';
import { isAssumedDefault, isInstalled, replacedGatewayLabels } from '../analysis/installed';
import { NETWORKING } from '../analysis/istio';
import { selectorMatches, selectorString, stringRecord, type Labels } from '../analysis/labels';
import { arr, num, obj, str } from '../util/json';
import { gatewaySelector, selectedPods, selectorPath } from './gateway-util';
import { chartMayRenderPods, nearMissSelector } from '../analysis/nearMiss';

export const ingressGatewayPortAnalyzer: Analyzer = {
  meta: {
    name: 'gateway.IngressGatewayPortAnalyzer',
    description: "Checks a gateway's ports against the gateway's Kubernetes service ports",
    codes: ['IST0101', 'IST0162'],
    inputs: ['Gateway', 'Pod', 'Service'],
    inAll: true,
  },
  analyze(ctx) {
    // Gateways share their pods (most select the one ingress gateway): each pod's Services are found once.
    const servicesOf = ctx.memoize((pod: WorkloadPod): readonly WorkspaceResource[] =>
      servicesSelecting(ctx.resourcesIn('Service', pod.ns, ''), pod.labels),
    );
    ctx.eachSubject(ctx.resources('Gateway', NETWORKING), (gw) => {
      const selector = gatewaySelector(gw);
      const sel = selectorString(selector);
      const pods = selectedPods(ctx, selector);
      if (pods.length === 0) {
        // The gateway deployment is often installed apart from the config: a complete view, or a gateway
        // of the workspace or of the assumed installation the selector misses by a slip, prove it selects nothing.
        if (selectsNothingProvably(ctx, selector))
          ctx.report('IST0101', gw, ['selector', sel], selectorPath(selector));
        return;
      }
      const ports = new Set<number>();
      let anyService = false,
        assumed = false;
      for (const pod of pods) {
        for (const svc of servicesOf(pod)) {
          anyService = true;
          assumed ||= isAssumedDefault(svc);
          for (const p of arr(obj(svc.value.spec).ports)) {
            const port = obj(p);
            if ((str(port.protocol) || 'TCP') !== 'TCP') continue;
            // A server port may name the Service port (Istio translates it to the target port) or the target port itself.
            ports.add(num(port.port) ?? 0);
            const target = intValue(port.targetPort);
            if (target !== 0) ports.add(target);
          }
        }
      }
      if (!anyService && !ctx.assumeComplete) return;
      arr(obj(gw.value.spec).servers).forEach((server, i) => {
        const port = obj(server).port;
        if (port === undefined || port === null) return;
        const n = num(obj(port).number) ?? 0;
        if (ports.has(n)) return;
        const at = ['spec', 'servers', i, 'port', 'number'];
        if (assumed && !ctx.assumeComplete)
          ctx.reportAsInformation(ASSUMED_PROFILE, 'IST0162', gw, [n, sel], at);
        else ctx.report('IST0162', gw, [n, sel], at);
      });
    });
  },
};

const ASSUMED_PROFILE =
  "the gateway Service is the default profile's, assumed installed: another profile or the cluster's own install may open this port";

/** The Services of a list (one namespace's) that select pods with these labels; memoised per list and labels. */
function servicesSelecting(
  services: readonly WorkspaceResource[],
  labels: Labels,
): readonly WorkspaceResource[] {
  let byLabels = selecting.get(services);
  if (!byLabels) selecting.set(services, (byLabels = new WeakMap()));
  let hit = byLabels.get(labels);
  if (!hit)
    byLabels.set(
      labels,
      (hit = services.filter((s) => selectorMatches(stringRecord(obj(s.value.spec).selector), labels))),
    );
  return hit;
}
// Per gateway, per selected pod: the same namespace's list and pod labels recur across gateways.
const selecting = new WeakMap<readonly WorkspaceResource[], WeakMap<Labels, readonly WorkspaceResource[]>>();

/**
 * A Gateway selecting no pod selects nothing for sure with the whole cluster (but for the charts GitOps
 * objects install). Otherwise the gateways a
 * workspace deploys (or the assumed installation's) prove only that they exist: other gateways are
 * installed apart (an egress gateway by a profile, a gateway chart's `istio: <release>`), so only a
 * selector a slip away from the labels of one of them is a mistake (nearMiss.ts), or one naming the
 * labels of a gateway the workspace's IstioOperator replaced by its own.
 */
function selectsNothingProvably(ctx: AnalysisContext, selector: Record<string, string>): boolean {
  // A gateway selects pods of every namespace: a chart a GitOps object installs anywhere may run them.
  if (ctx.assumeComplete) return !ctx.releasedInto();
  if (chartMayRenderPods(ctx)) return false; // a chart of the workspace may render the gateway
  const pods = ctx.pods();
  let gateways = gatewayPods.get(pods);
  if (!gateways) gatewayPods.set(pods, (gateways = pods.filter(isGatewayPod)));
  // The labels of a gateway the workspace's IstioOperator replaced (or a slip from them): no pod carries them.
  const installed = gateways.find((p) => isInstalled(p.resource))?.resource.file;
  const replaced = installed ? replacedGatewayLabels(installed) : [];
  if (replaced.some((labels) => selectorMatches(selector, labels) || nearMiss(selector, labels))) return true;
  // Against the installed gateway one character only: `istio: egressgateway` (another profile's gateway)
  // is two edits from its `istio: ingressgateway`.
  return gateways.some(
    (p) =>
      nearMiss(selector, p.labels) || (!isInstalled(p.resource) && nearMissSelector(selector, [p.labels])),
  );
}

// Per workspace: the gateway pods do not depend on the gateway asking.
const gatewayPods = new WeakMap<readonly WorkloadPod[], WorkloadPod[]>();

/** Every selector key is on the pod, and the values that differ differ by one character. */
function nearMiss(selector: Record<string, string>, labels: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(selector);
  return keys.length > 0 && keys.every((k) => k in labels && editDistance(selector[k], labels[k], 1) <= 1);
}

/**
 * A pod that runs an Istio gateway: the assumed installation's, one injected with the `gateway`
 * template, or a proxy started as a router (`proxy router`).
 */
function isGatewayPod(p: WorkloadPod): boolean {
  if (isInstalled(p.resource)) return true;
  if ((p.annotations['inject.istio.io/templates'] ?? '').split(',').includes('gateway')) return true;
  return arr(p.spec.containers).some((c) => arr(obj(c).args).map(str).includes('router'));
}

/** intstr.IntValue: an int, or a string parsed as an int (0 when it is a port name). */
function intValue(v: unknown): number {
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v === 'string' && /^[+-]?\d+$/.test(v)) return Number(v);
  return 0;
}
