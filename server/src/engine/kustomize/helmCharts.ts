// The namespaces the charts of kustomizations' `helmCharts` render into: their objects are unknown there,
// as a GitOps-installed chart's are.
import type { Kustomization } from './kustomization';
import { eachInBuild } from './builds';

/**
 * The namespaces the charts kustomizations inflate (`helmCharts`) render into: an entry's `namespace`
 * (helm's release namespace), else `default` (helm template's own), and the `namespace:` of the
 * kustomization and of every kustomization building it, which kustomize sets on the chart's objects too.
 */
export function helmChartNamespaces(kustomizations: readonly Kustomization[]): Set<string> {
  const out = new Set<string>();
  eachInBuild(kustomizations, (_root, k, namespaces) => {
    if (!k.helmChartNamespaces.length) return;
    for (const n of k.helmChartNamespaces) out.add(n || 'default');
    for (const n of namespaces) out.add(n);
  });
  return out;
}
