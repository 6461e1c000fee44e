// applicationUID.Analyzer (istio/istio pkg/config/analysis/analyzers/deployment/pod.go):
// UID 1337 is the sidecar's; an application pod or container running as 1337 escapes the
// iptables capture. Istio's control-plane resources (an `istio` label, or `release: istio`) are skipped.
// Without a cluster: nothing is missed; it reads only the Pod and Deployment manifests (as Istio does,
// not other workload kinds), and cannot see UIDs set by a PodSecurityPolicy or an admission mutator.
// Difference from istioctl: a pod-level runAsUser 1337 is reported only when an application container
// inherits it (one without its own runAsUser). istioctl reports it on any pod, so an injected gateway
// (`inject.istio.io/templates: gateway`, its one container the istio-proxy) running as 1337, as Istio's
// gateway deployment examples do, gets a false IST0144.
import type { AnalysisContext, Analyzer, WorkspaceResource } from '../analysis/analyzer';
import type { PathSegment } from '../parse/nodes';
import { ISTIO_PROXY, isIstioControlPlane } from './util/mesh-membership';
import { withDedup } from './util/dedup-reporter';
import { arr, isObj, valueAt } from '../util/json';

const PROXY_UID = 1337;
/** The operator's container, which Istio also lets run as the proxy's UID. */
const ISTIO_OPERATOR = 'istio-operator';

/** Containers Istio lets run as the proxy's UID. */
const isProxy = (c: Record<string, unknown>): boolean => c.name === ISTIO_PROXY || c.name === ISTIO_OPERATOR;

function check(ctx: AnalysisContext, r: WorkspaceResource, podPath: readonly PathSegment[]): void {
  if (isIstioControlPlane(r.labels)) return;
  const spec = valueAt(r.value, ...podPath, 'spec');
  if (!isObj(spec)) return;
  const apps = arr(spec.containers).filter((c) => isObj(c) && !isProxy(c));
  const inherits = apps.some((c) => valueAt(c, 'securityContext', 'runAsUser') === undefined);
  if (valueAt(spec, 'securityContext', 'runAsUser') === PROXY_UID && inherits) {
    ctx.report('IST0144', r, [], [...podPath, 'spec', 'securityContext', 'runAsUser']);
  }
  arr(spec.containers).forEach((c, i) => {
    if (!isObj(c) || isProxy(c)) return;
    if (valueAt(c, 'securityContext', 'runAsUser') === PROXY_UID) {
      ctx.report('IST0144', r, [], [...podPath, 'spec', 'containers', i, 'securityContext', 'runAsUser']);
    }
  });
}

export const applicationUidAnalyzer: Analyzer = {
  meta: {
    name: 'applicationUID.Analyzer',
    description: 'Checks invalid application UID',
    codes: ['IST0144'],
    inputs: ['Pod', 'Deployment'],
    inAll: true,
  },
  analyze(rawCtx) {
    const ctx = withDedup(rawCtx);
    for (const r of ctx.resources('Pod', '')) check(ctx, r, []);
    for (const r of ctx.resources('Deployment', 'apps')) check(ctx, r, ['spec', 'template']);
  },
};
