// The namespaces kustomizations' remote bases render into: kustomize fetches them at build time, so their
// objects are unknown there, as the objects of a chart a kustomization inflates are (helmCharts.ts).
import type { Kustomization } from './kustomization';
import type { RenderedDoc } from './render';
import { eachInBuild } from './builds';
import { isRemote } from './paths';
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
  const out = new Set<string>();
  let byRoot: Map<string, Set<string>> | undefined;
  const placedBy = (root: string): ReadonlySet<string> =>
    (byRoot ??= renderedNamespaces(rendered)).get(root) ?? new Set();
  eachInBuild(kustomizations, (root, k, namespaces) => {
    if (![...k.resources, ...k.components].some((r) => isRemote(r.ref))) return;
    for (const n of namespaces.length ? namespaces : placedBy(root)) out.add(n);
  });
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
