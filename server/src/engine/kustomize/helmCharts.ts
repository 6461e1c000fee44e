// The namespaces the charts of kustomizations' `helmCharts` render into: their objects are unknown there,
// as a GitOps-installed chart's are.
import type { Kustomization } from './kustomization';
import { isRemote, MAX_DEPTH, resolvePath } from './paths';

/**
 * The namespaces the charts kustomizations inflate (`helmCharts`) render into: an entry's `namespace`
 * (helm's release namespace), else `default` (helm template's own), and the `namespace:` of the
 * kustomization and of every kustomization building it, which kustomize sets on the chart's objects too.
 */
export function helmChartNamespaces(kustomizations: readonly Kustomization[]): Set<string> {
  const byDir = new Map(kustomizations.map((k) => [k.dir, k]));
  const out = new Set<string>();
  const visit = (k: Kustomization, ns: readonly string[], seen: Set<string>): void => {
    if (seen.has(k.dir) || seen.size > MAX_DEPTH) return;
    seen.add(k.dir);
    const here = k.namespace ? [...ns, k.namespace] : ns;
    if (k.helmChartNamespaces.length) {
      for (const n of k.helmChartNamespaces) out.add(n || 'default');
      for (const n of here) out.add(n);
    }
    for (const r of [...k.resources, ...k.components]) {
      const sub = isRemote(r.ref) ? undefined : byDir.get(resolvePath(k.dir, r.ref));
      if (sub) visit(sub, here, new Set(seen));
    }
  };
  for (const k of kustomizations) visit(k, [], new Set());
  return out;
}
