// meshnetworks.MeshNetworksAnalyzer (istio/istio pkg/config/analysis/analyzers/multicluster/meshnetworks.go):
// every `fromRegistry` of a MeshNetworks endpoint must name a known service registry: Kubernetes,
// External, Mock, or a cluster registered by a remote secret (label istio/multiCluster=true).
// Without a cluster (assumeComplete false): remote clusters are those whose secrets are in the
// workspace; a registry is reported unknown only when the workspace holds remote secrets (else the
// clusters are not modelled and it may be registered in the cluster).
// MeshNetworks is read from resources of kind MeshNetworks (`networks` at the top or under `spec`).
import type { Analyzer } from '../analysis/analyzer';
import type { PathSegment } from '../parse/nodes';
import { withDedup } from './util/dedup-reporter';
import { arr, isObj, valueAt } from '../util/json';

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
  analyze(rawCtx) {
    const ctx = withDedup(rawCtx);
    const known = new Set(BUILTIN_REGISTRIES);
    const remoteSecrets = ctx
      .resources('Secret', '')
      .filter((s) => s.labels[MULTICLUSTER_SECRET_LABEL] === 'true');
    if (remoteSecrets.length === 0 && !ctx.assumeComplete) return;
    for (const s of remoteSecrets) {
      // The API server merges stringData into data; each key is a cluster id.
      for (const field of ['data', 'stringData']) {
        const m = s.value[field];
        if (isObj(m)) for (const k of Object.keys(m)) known.add(k);
      }
    }
    for (const mn of ctx.resources('MeshNetworks')) {
      const rawSpec = mn.value.spec;
      const spec = rawSpec && typeof rawSpec === 'object' ? rawSpec : mn.value;
      const base: PathSegment[] = spec === mn.value ? [] : ['spec'];
      const networks = valueAt(spec, 'networks');
      if (!isObj(networks)) continue;
      for (const [network, n] of Object.entries(networks)) {
        arr(valueAt(n, 'endpoints')).forEach((e, j) => {
          const registry = valueAt(e, 'fromRegistry');
          if (typeof registry !== 'string' || known.has(registry)) return;
          ctx.report(
            'IST0126',
            mn,
            [registry, network],
            [...base, 'networks', network, 'endpoints', j, 'fromRegistry'],
          );
        });
      }
    }
  },
};
