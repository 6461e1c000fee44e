// authn.BlockedCIDRsAnalyzer (istio/istio pkg/config/analysis/analyzers/authn/blockedcidrs.go):
// when RequestAuthentications exist, istiod fetches their JWKS URIs; without
// BLOCKED_CIDRS_IN_JWKS_URIS on istiod those fetches may reach internal addresses.
// Without a cluster: only an istiod Deployment (label app=istiod) in the workspace is checked; an
// istiod installed by Helm/istioctl outside the workspace is not seen, so nothing is reported then.
import type { Analyzer } from '../analysis/analyzer';
import type { PathSegment } from '../parse/nodes';
import { containersOf } from './util/mesh-membership';
import { withDedup } from './util/dedup-reporter';
import { objs, valueAt, type Obj } from '../util/json';

const ENV = 'BLOCKED_CIDRS_IN_JWKS_URIS';
const MAX_NAMES = 5;

export const authnBlockedCidrsAnalyzer: Analyzer = {
  meta: {
    name: 'authn.BlockedCIDRsAnalyzer',
    description:
      'Checks that BLOCKED_CIDRS_IN_JWKS_URIS is configured on istiod when RequestAuthentication resources exist',
    codes: ['IST0175'],
    inputs: ['RequestAuthentication', 'Deployment'],
    inAll: true,
  },
  analyze(rawCtx) {
    const ctx = withDedup(rawCtx);
    const ras = ctx.resources('RequestAuthentication', 'security.istio.io').map((r) => `${r.ns}/${r.name}`);
    if (ras.length === 0) return;
    const names =
      ras.length <= MAX_NAMES
        ? ras.join(', ')
        : `${ras.slice(0, MAX_NAMES).join(', ')}, and ${ras.length - MAX_NAMES} more`;
    for (const d of ctx.resources('Deployment', 'apps')) {
      if (d.labels.app !== 'istiod') continue;
      const containers = containersOf(valueAt(d.value, 'spec', 'template', 'spec'), false);
      const configured = containers.some((c) =>
        objs(c.env).some((e) => e.name === ENV && typeof e.value === 'string' && e.value !== ''),
      );
      if (configured) continue;
      ctx.report('IST0175', d, [ras.length, names], envPath(containers));
    }
  },
};

/** Where the variable belongs: the env list of istiod's `discovery` container (or of the first one). */
function envPath(containers: readonly Obj[]): PathSegment[] {
  const base: PathSegment[] = ['spec', 'template', 'spec', 'containers'];
  if (containers.length === 0) return base;
  const i = Math.max(
    0,
    containers.findIndex((c) => c.name === 'discovery'),
  );
  return [...base, i, containers[i].env ? 'env' : 'name'];
}
