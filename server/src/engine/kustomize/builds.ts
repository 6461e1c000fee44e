// The kustomizations each build reads, with the namespaces that build sets on their objects: what renders
// unknown objects (an inflated chart, a remote base) needs both to say where those objects land.
import type { Kustomization } from './kustomization';
import { isRemote, MAX_DEPTH, resolvePath } from './paths';

/**
 * Calls back for every kustomization every root reaches through its local resources and components
 * (itself first), with the `namespace:` of it and of every kustomization building it, outermost first:
 * kustomize sets each on the objects the inner ones produce, the outermost last.
 */
export function eachInBuild(
  kustomizations: readonly Kustomization[],
  visit: (root: string, k: Kustomization, namespaces: readonly string[]) => void,
): void {
  const byDir = new Map(kustomizations.map((k) => [k.dir, k]));
  const walk = (root: string, k: Kustomization, ns: readonly string[], seen: Set<string>): void => {
    if (seen.has(k.dir) || seen.size > MAX_DEPTH) return;
    seen.add(k.dir);
    const here = k.namespace ? [...ns, k.namespace] : ns;
    visit(root, k, here);
    for (const r of [...k.resources, ...k.components]) {
      const sub = isRemote(r.ref) ? undefined : byDir.get(resolvePath(k.dir, r.ref));
      if (sub) walk(root, sub, here, new Set(seen));
    }
  };
  for (const k of kustomizations) walk(k.dir, k, [], new Set());
}
