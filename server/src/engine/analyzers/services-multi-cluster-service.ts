// services.MultiClusterServiceAnalyzer: the same Service (namespace/name) in several clusters must
// agree on headless-ness, type and ports. Clusters come from the front end (AnalyzeOptions.clusterOf);
// with none known, as for plain files upstream, it reports nothing.
import type { Analyzer, WorkspaceResource } from '../analysis/analyzer';
import { fullName } from '../analysis/istio';
import { arr, obj, sortedJson, str } from '../util/json';

export const multiClusterServiceAnalyzer: Analyzer = {
  meta: {
    name: 'services.MultiClusterServiceAnalyzer',
    description: 'Check the validity of services in the multi-cluster environment',
    codes: ['IST0170'],
    inputs: ['Service'],
    inAll: true,
  },
  analyze(ctx) {
    const services = new Map<string, Map<string, WorkspaceResource>>();
    for (const r of ctx.resources('Service', '')) {
      const cluster = ctx.clusterOf(r);
      if (!cluster) continue;
      const byCluster = services.get(fullName(r)) ?? new Map<string, WorkspaceResource>();
      byCluster.set(cluster, r);
      services.set(fullName(r), byCluster);
    }
    for (const byCluster of services.values()) {
      if (byCluster.size < 2) continue;
      const { clusters, reasons } = inconsistencies(byCluster);
      if (clusters.length === 0) continue;
      const first = [...byCluster.values()][0];
      ctx.report(
        'IST0170',
        first,
        [first.name, first.ns, clusters, reasons.join('; ')],
        ['metadata', 'name'],
      );
    }
  },
};

function inconsistencies(byCluster: Map<string, WorkspaceResource>): {
  clusters: string[];
  reasons: string[];
} {
  const entries = [...byCluster];
  const [firstCluster, firstRes] = entries[0];
  const first = obj(firstRes.value.spec);
  const clusters = new Set<string>();
  const reasons = new Set<string>();
  let addedHeadless = false;
  for (const [id, r] of entries) {
    const spec = obj(r.value.spec);
    if (!addedHeadless && (str(first.clusterIP) === 'None') !== (str(spec.clusterIP) === 'None')) {
      addedHeadless = true;
      for (const c of byCluster.keys()) clusters.add(c);
      reasons.add('service has mixed mode like headless and clusterIP');
    }
    if (str(first.type) !== str(spec.type)) {
      clusters.add(id);
      reasons.add('service type is inconsistent');
    }
    if (!samePorts(arr(first.ports), arr(spec.ports))) {
      clusters.add(id);
      reasons.add('service ports are inconsistent');
    }
  }
  if (clusters.size > 0) clusters.add(firstCluster);
  return { clusters: [...clusters].sort(), reasons: [...reasons].sort() };
}

function samePorts(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  const norm = (ports: unknown[]): string[] =>
    [...ports]
      .sort((x, y) =>
        str(obj(x).name) < str(obj(y).name) ? -1 : str(obj(x).name) > str(obj(y).name) ? 1 : 0,
      )
      .map((p) => sortedJson(obj(p)));
  const na = norm(a),
    nb = norm(b);
  return na.every((x, i) => x === nb[i]);
}
