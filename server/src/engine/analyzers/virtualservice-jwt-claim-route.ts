// virtualservice.JWTClaimRouteAnalyzer: routing on `@request.auth.claims.*` headers through a gateway
// needs a RequestAuthentication selecting the gateway's pods (in their namespace or the root namespace).
// Difference from istioctl (deliberate): istioctl looks in istio-system whatever MeshConfig.rootNamespace
// says; istiod applies the root namespace's RequestAuthentications to every workload
// (pilot/pkg/model/authentication.go getConfigsForWorkload), so the root namespace is looked in. With
// Istio's default mesh config the two are the same.
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
    for (const ra of ctx.resources('RequestAuthentication', SECURITY)) {
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
