// virtualservice.JWTClaimRouteAnalyzer: routing on `@request.auth.claims.*` headers through a gateway
// needs a RequestAuthentication selecting the gateway's pods (in their namespace or the root namespace).
// Difference from istioctl (deliberate): istioctl looks in istio-system whatever MeshConfig.rootNamespace
// says; istiod applies the root namespace's RequestAuthentications to every workload
// (pilot/pkg/model/authentication.go getConfigsForWorkload), so the root namespace is looked in. With
// Istio's default mesh config the two are the same.
// And without the whole cluster, the gateway's RequestAuthentication is missing only when the workspace
// holds RequestAuthentications (it manages JWT authentication, so the gateway's would be among them): one
// applied apart (a platform repository's, a task's `kubectl apply -f - <<EOF`) is unknown, not absent.
import type { Analyzer } from '../analysis/analyzer';
import { MESH_GATEWAY, NETWORKING, SECURITY, resolveGatewayName } from '../analysis/istio';
import { selectorMatches, stringRecord } from '../analysis/labels';
import { arr, obj, str } from '../util/json';
import { rootNamespaceOf } from '../mesh';

const JWT_CLAIM_HEADER = '@request.auth.claims';

export const jwtClaimRouteAnalyzer: Analyzer = {
  meta: {
    name: 'virtualservice.JWTClaimRouteAnalyzer',
    description:
      'Checks the VirtualService using JWT claim based routing has corresponding RequestAuthentication',
    codes: ['IST0149'],
    inputs: ['VirtualService', 'RequestAuthentication', 'Gateway', 'Pod'],
    inAll: true,
  },
  analyze(ctx) {
    const root = rootNamespaceOf(ctx.meshConfig);
    const raByNs = new Map<string, Record<string, string>[]>();
    const requestAuthentications = ctx.resources('RequestAuthentication', SECURITY);
    if (!ctx.assumeComplete && requestAuthentications.length === 0) return;
    for (const ra of requestAuthentications) {
      const sel = stringRecord(obj(obj(ra.value.spec).selector).matchLabels);
      raByNs.set(ra.ns, [...(raByNs.get(ra.ns) ?? []), sel]);
    }
    for (const r of ctx.resources('VirtualService', NETWORKING)) {
      const key = claimRouteKey(r.value.spec);
      if (!key) continue;
      for (const [i, g] of arr(obj(r.value.spec).gateways).entries()) {
        const gwName = str(g);
        if (gwName === MESH_GATEWAY) continue;
        const gw = resolveGatewayName(r.ns, gwName);
        const gwRes = ctx.find('Gateway', gw.ns, gw.name, NETWORKING);
        if (!gwRes) continue; // virtualservice.GatewayAnalyzer reports it
        const gwSelector = stringRecord(obj(gwRes.value.spec).selector);
        for (const pod of ctx.pods()) {
          if (!selectorMatches(gwSelector, pod.labels)) continue;
          const selectors = [...(raByNs.get(root) ?? []), ...(raByNs.get(pod.ns) ?? [])];
          if (!selectors.some((s) => selectorMatches(s, pod.labels))) {
            ctx.report('IST0149', r, [key, `${gw.ns}/${gw.name}`, pod.name], ['spec', 'gateways', i]);
          }
        }
      }
    }
  },
};

/** The first header key of an http match (headers or withoutHeaders) that routes on a JWT claim. */
function claimRouteKey(spec: unknown): string {
  for (const http of arr(obj(spec).http)) {
    for (const m of arr(obj(http).match)) {
      for (const k of Object.keys(obj(obj(m).headers))) if (k.startsWith(JWT_CLAIM_HEADER)) return k;
      for (const k of Object.keys(obj(obj(m).withoutHeaders))) if (k.startsWith(JWT_CLAIM_HEADER)) return k;
    }
  }
  return '';
}
