// applicationUID.Analyzer (istio/istio pkg/config/analysis/analyzers/deployment/pod.go):
// UID 1337 is the sidecar's; an application pod or container running as 1337 escapes the
// iptables capture. Istio's control-plane resources (an `istio` label, or `release: istio`) are skipped.
// Without a cluster: nothing is missed; it reads only the Pod and Deployment manifests (as Istio does,
// not other workload kinds), and cannot see UIDs set by a PodSecurityPolicy or an admission mutator.
import type { AnalysisContext, Analyzer, WorkspaceResource } from '../analysis/analyzer';
import type { PathSegment } from '../parse/nodes';
import { ISTIO_PROXY, isIstioControlPlane } from './util/mesh-membership';
import { withDedup } from './util/dedup-reporter';
import { arr, isObj, valueAt } from '../util/json';

const PROXY_UID = 1337;
/** The operator's container, which Istio also lets run as the proxy's UID. */
const ISTIO_OPERATOR = 'istio-operator';

function check(ctx: AnalysisContext, r: WorkspaceResource, podPath: readonly PathSegment[]): void {
  if (isIstioControlPlane(r.labels)) return;
  const spec = valueAt(r.value, ...podPath, 'spec');
  if (!isObj(spec)) return;
  if (valueAt(spec, 'securityContext', 'runAsUser') === PROXY_UID) {
    ctx.report('IST0144', r, [], [...podPath, 'spec', 'securityContext', 'runAsUser']);
  }
  arr(spec.containers).forEach((c, i) => {
    if (!isObj(c) || c.name === ISTIO_PROXY || c.name === ISTIO_OPERATOR) return;
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
