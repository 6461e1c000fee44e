// applicationUID.Analyzer (istio/istio pkg/config/analysis/analyzers/deployment/pod.go):
// UID 1337 is the sidecar's; an application pod or container running as 1337 escapes the
// iptables capture. Istio's control-plane resources (an `istio` label, or `release: istio`) are skipped.
// Without a cluster: nothing is missed; it reads only the Pod and Deployment manifests (as Istio does,
// not other workload kinds), and cannot see UIDs set by a PodSecurityPolicy or an admission mutator.
import type { AnalysisContext, Analyzer, WorkspaceResource } from '../analysis/analyzer';
import type { PathSegment } from '../parse/nodes';
import { ISTIO_OPERATOR, ISTIO_PROXY, isIstioControlPlane } from './util/mesh-membership';
import { withDedup } from './util/dedup-reporter';

const PROXY_UID = 1337;

function check(ctx: AnalysisContext, r: WorkspaceResource, podPath: readonly PathSegment[]): void {
  if (isIstioControlPlane(r.labels)) return;
  let pod: any = r.value;
  for (const seg of podPath) pod = pod?.[seg];
  const spec = pod?.spec;
  if (!spec || typeof spec !== 'object') return;
  if (spec.securityContext?.runAsUser === PROXY_UID) {
    ctx.report('IST0144', r, [], [...podPath, 'spec', 'securityContext', 'runAsUser']);
  }
  const containers: unknown[] = Array.isArray(spec.containers) ? spec.containers : [];
  containers.forEach((c: any, i) => {
    if (!c || typeof c !== 'object' || c.name === ISTIO_PROXY || c.name === ISTIO_OPERATOR) return;
    if (c.securityContext?.runAsUser === PROXY_UID) {
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
