// meshnetworks.MeshNetworksAnalyzer (istio/istio pkg/config/analysis/analyzers/multicluster/meshnetworks.go):
// every `fromRegistry` of a MeshNetworks endpoint must name a known service registry: Kubernetes,
// External, Mock, or a cluster registered by a remote secret (label istio/multiCluster=true).
// Without a cluster: remote clusters are only those whose secrets are in the workspace, so a
// registry registered in the cluster alone is reported as unknown.
import type { AnalysisContext, Analyzer, WorkspaceResource } from '../analysis/analyzer';
import type { PathSegment } from '../parse/nodes';

const BUILTIN_REGISTRIES = ['Mock', 'Kubernetes', 'External'];
const MULTICLUSTER_SECRET_LABEL = 'istio/multiCluster';

export const meshNetworksAnalyzer: Analyzer = {
  meta: {
    name: 'meshnetworks.MeshNetworksAnalyzer',
    description: 'Check the validity of MeshNetworks in the cluster',
    codes: ['IST0126'],
    inputs: ['MeshNetworks', 'Secret'],
    inAll: true,
  },
  analyze(ctx) {
    const known = new Set(BUILTIN_REGISTRIES);
    for (const s of ctx.resources('Secret', '')) {
      if (s.labels[MULTICLUSTER_SECRET_LABEL] !== 'true') continue;
      // The API server merges stringData into data; each key is a cluster id.
      for (const field of ['data', 'stringData']) {
        const m = s.value[field];
        if (m && typeof m === 'object' && !Array.isArray(m)) for (const k of Object.keys(m)) known.add(k);
      }
    }
    for (const mn of meshNetworksResources(ctx)) {
      const spec = mn.value.spec && typeof mn.value.spec === 'object' ? mn.value.spec : mn.value;
      const base: PathSegment[] = spec === mn.value ? [] : ['spec'];
      const networks = spec.networks;
      if (!networks || typeof networks !== 'object' || Array.isArray(networks)) continue;
      for (const [network, n] of Object.entries<any>(networks)) {
        const endpoints: unknown[] = Array.isArray(n?.endpoints) ? n.endpoints : [];
        endpoints.forEach((e: any, j) => {
          const registry = e?.fromRegistry;
          if (typeof registry !== 'string' || known.has(registry)) return;
          ctx.report('IST0126', mn, [registry, network], [...base, 'networks', network, 'endpoints', j, 'fromRegistry']);
        });
      }
    }
  },
};

function meshNetworksResources(ctx: AnalysisContext): readonly WorkspaceResource[] {
  return ctx.resources('MeshNetworks');
}
