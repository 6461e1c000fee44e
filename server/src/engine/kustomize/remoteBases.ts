// The namespaces kustomizations' remote bases render into: kustomize fetches them at build time, so their
// objects are unknown there, as the objects of a chart a kustomization inflates are (helmCharts.ts).
import type { Kustomization } from './kustomization';
import type { RenderedDoc } from './render';
import { isRemote, MAX_DEPTH, resolvePath } from './paths';
import { obj } from '../util/json';

/**
 * The namespaces the remote resources and components of kustomizations render into: the `namespace:` of
 * the kustomization listing one and of every kustomization building it, which kustomize sets on the fetched
 * objects too. Without any, the fetched objects keep namespaces of their own that the workspace cannot read;
 * the namespaces the root's rendering places what it does read in stand for them (a remote install beside
 * the Gateway a repository adds to that install's namespace).
 */
export function remoteBaseNamespaces(
  kustomizations: readonly Kustomization[],
  rendered: readonly RenderedDoc<unknown>[],
): Set<string> {
  const byDir = new Map(kustomizations.map((k) => [k.dir, k]));
  const out = new Set<string>();
  let byRoot: Map<string, Set<string>> | undefined;
  const placedBy = (root: string): ReadonlySet<string> =>
    (byRoot ??= renderedNamespaces(rendered)).get(root) ?? new Set();
  const visit = (root: string, k: Kustomization, ns: readonly string[], seen: Set<string>): void => {
    if (seen.has(k.dir) || seen.size > MAX_DEPTH) return;
    seen.add(k.dir);
    const here = k.namespace ? [...ns, k.namespace] : ns;
    const refs = [...k.resources, ...k.components];
    if (refs.some((r) => isRemote(r.ref))) for (const n of here.length ? here : placedBy(root)) out.add(n);
    for (const r of refs) {
      const sub = isRemote(r.ref) ? undefined : byDir.get(resolvePath(k.dir, r.ref));
      if (sub) visit(root, sub, here, new Set(seen));
    }
  };
  for (const k of kustomizations) visit(k.dir, k, [], new Set());
  return out;
}

/** Per root kustomization, the namespaces its rendering places documents in. */
function renderedNamespaces(rendered: readonly RenderedDoc<unknown>[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const d of rendered) {
    const ns = obj(d.value.metadata).namespace;
    if (typeof ns !== 'string' || !ns) continue;
    let set = out.get(d.root);
    if (!set) out.set(d.root, (set = new Set()));
    set.add(ns);
  }
  return out;
}
