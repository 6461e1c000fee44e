// virtualservice.ConflictingMeshGatewayHostsAnalyzer: two VirtualServices bound to the mesh gateway
// (no gateways, or `mesh`) that define the same host in overlapping exportTo scopes.
// Difference from istioctl (deliberate): two VirtualServices of unrelated directories (separate demos
// of one repository, applied apart, with or without a namespace of their own) do not conflict unless one
// kustomize rendering joins them or the inputs are the whole cluster (analysis/applyUnits.ts).
// Difference from istioctl (deliberate): two VirtualServices whose routes never meet do not conflict. On
// the sidecars HTTP routes go to the route configuration of HTTP ports and TLS/TCP routes to the filter
// chains of the other ports; istiod skips a VirtualService without routes of the kind it builds, so one of
// only `tls` routes (a sidecar's SNI route to the egress gateway) beside one of only `http` routes for the
// same host (TLS origination through that gateway, as Istio's egress tasks write it) is programmed whole.
// Nor do two files of a directory of tutorial steps or versions, applied a file at a time
// (analysis/stepDirectories.ts): nothing shows both in the cluster at once.
import type { Analyzer, WorkspaceResource } from '../analysis/analyzer';
import { EXPORT_ALL, MESH_GATEWAY, NETWORKING, fullName, exportScopes, scopedFqdn } from '../analysis/istio';
import { arr, obj, str } from '../util/json';
import { hostMatches } from '../analysis/hosts';
import { presentTogether } from '../analysis/applyUnits';

export const conflictingMeshGatewayHosts: Analyzer = {
  meta: {
    name: 'virtualservice.ConflictingMeshGatewayHostsAnalyzer',
    description:
      'Checks if multiple virtual services associated with the mesh gateway have conflicting hosts',
    codes: ['IST0109'],
    inputs: ['VirtualService'],
    inAll: true,
  },
  analyze(ctx) {
    const byHost = new Map<string, WorkspaceResource[]>();
    for (const r of ctx.resources('VirtualService', NETWORKING)) {
      const spec = obj(r.value.spec);
      const gateways = arr(spec.gateways).map(str);
      if (gateways.length > 0 && !gateways.includes(MESH_GATEWAY)) continue;
      for (const scope of exportScopes(r)) {
        for (const h of arr(spec.hosts).map(str)) {
          const key = scopedFqdn(scope, r.ns, h);
          const list = byHost.get(key);
          if (list) list.push(r);
          else byHost.set(key, [r]);
        }
      }
    }
    // A host scoped to some namespaces also conflicts with the same host exported to all; each
    // VirtualService is reported once. Names and route kinds are taken once per VirtualService: the
    // checks below compare every pair of a host's VirtualServices.
    const names = new Map<WorkspaceResource, string>();
    const nameOf = (r: WorkspaceResource): string => {
      let n = names.get(r);
      if (n === undefined) names.set(r, (n = fullName(r)));
      return n;
    };
    const kinds = new Map<WorkspaceResource, RouteKinds>();
    const kindsOf = (r: WorkspaceResource): RouteKinds => {
      let k = kinds.get(r);
      if (!k) kinds.set(r, (k = routeKinds(r)));
      return k;
    };
    const toAll = [...byHost]
      .map(([key, list]) => [...splitScoped(key), list] as const)
      .filter(([scope]) => scope === EXPORT_ALL);
    const reported = new Set<string>();
    for (const [key, own] of byHost) {
      const [scope, host] = splitScoped(key);
      const list = scope === EXPORT_ALL ? own : [...own, ...exportedToAllMatching(host, toAll)];
      // The same VirtualService written in several files (alternatives) does not conflict with itself.
      if (new Set(list.map(nameOf)).size < 2) continue;
      for (const r of list) {
        if (reported.has(nameOf(r))) continue;
        const together = list.filter(
          (o) => o === r || (routesMeet(kindsOf(r), kindsOf(o)) && presentTogether(ctx, r, o)),
        );
        if (new Set(together.map(nameOf)).size < 2) continue;
        reported.add(nameOf(r));
        ctx.report('IST0109', r, [together.map(nameOf).join(','), key], ['metadata', 'name']);
      }
    }
  },
};

/** Route kinds istiod programs apart: HTTP, and TLS/TCP (both filter chains of one TCP listener). */
interface RouteKinds {
  http: boolean;
  l4: boolean;
}
function routeKinds(r: WorkspaceResource): RouteKinds {
  const spec = obj(r.value.spec);
  return { http: arr(spec.http).length > 0, l4: arr(spec.tls).length > 0 || arr(spec.tcp).length > 0 };
}

function routesMeet(x: RouteKinds, y: RouteKinds): boolean {
  // A VirtualService without routes is rejected by the webhook; it is left to conflict as istioctl says.
  if ((!x.http && !x.l4) || (!y.http && !y.l4)) return true;
  return (x.http && y.http) || (x.l4 && y.l4);
}

function splitScoped(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

/** The VirtualServices of the hosts exported to all (`toAll`, in map order) that match `host`. */
function exportedToAllMatching(
  host: string,
  toAll: readonly (readonly [string, string, readonly WorkspaceResource[]])[],
): WorkspaceResource[] {
  const out: WorkspaceResource[] = [];
  for (const [, h, list] of toAll) if (hostMatches(host, h)) out.push(...list);
  return out;
}
