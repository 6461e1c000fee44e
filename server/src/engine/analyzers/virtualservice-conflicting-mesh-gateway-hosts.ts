// virtualservice.ConflictingMeshGatewayHostsAnalyzer: two VirtualServices bound to the mesh gateway
// (no gateways, or `mesh`) that define the same host in overlapping exportTo scopes.
// Difference from istioctl (deliberate): two VirtualServices of unrelated directories (separate demos
// of one repository, applied apart, with or without a namespace of their own) do not conflict unless one
// kustomize rendering joins them or the inputs are the whole cluster (analysis/applyUnits.ts).
import type { Analyzer, WorkspaceResource } from '../analysis/analyzer';
import { EXPORT_ALL, MESH_GATEWAY, NETWORKING, fullName, exportScopes, scopedFqdn } from '../analysis/istio';
import { arr, obj, str } from '../util/json';
import { hostMatches } from '../analysis/hosts';
import { appliedTogether } from '../analysis/applyUnits';

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
    // VirtualService is reported once.
    const reported = new Set<string>();
    for (const [key, own] of byHost) {
      const [scope, host] = splitScoped(key);
      const list = scope === EXPORT_ALL ? own : [...own, ...exportedToAllMatching(host, byHost)];
      // The same VirtualService written in several files (alternatives) does not conflict with itself.
      if (new Set(list.map(fullName)).size < 2) continue;
      for (const r of list) {
        if (reported.has(fullName(r))) continue;
        const together = list.filter((o) => o === r || appliedTogether(ctx, r, o));
        if (new Set(together.map(fullName)).size < 2) continue;
        reported.add(fullName(r));
        ctx.report('IST0109', r, [together.map(fullName).join(','), key], ['metadata', 'name']);
      }
    }
  },
};

function splitScoped(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

function exportedToAllMatching(host: string, byHost: Map<string, WorkspaceResource[]>): WorkspaceResource[] {
  const out: WorkspaceResource[] = [];
  for (const [key, list] of byHost) {
    const [scope, h] = splitScoped(key);
    if (scope === EXPORT_ALL && hostMatches(host, h)) out.push(...list);
  }
  return out;
}
