// Which manifests are applied together. A namespace-less manifest gets its namespace when it is applied,
// and `kubectl apply -n NS -f DIR` applies one directory (`-R`: its tree), a kustomization its rendering.
// Two namespace-less manifests of unrelated directories (neither holds the other) are separate applies,
// whose namespaces, and clusters, may differ: the demos and chapters side by side in one repository.
// A conflict between them (two VirtualServices for one host, two namespace-wide Sidecars, two Gateways on
// one host and port) is not proven.
import type { AnalysisContext, WorkspaceResource } from './analyzer';
import { dirOf } from '../kustomize';
import { rootOf } from './placed';

/** The directory (or root kustomization) a resource is applied from. */
function applyUnit(r: WorkspaceResource): string {
  return rootOf(r) ?? dirOf(r.file.uri);
}

const holds = (dir: string, other: string): boolean => other === dir || other.startsWith(`${dir}/`);

/** Whether the workspace shows `a` and `b` applied into one namespace's reach (as it places them). */
export function appliedTogether(ctx: AnalysisContext, a: WorkspaceResource, b: WorkspaceResource): boolean {
  if (ctx.assumeComplete || a.nsKnown || b.nsKnown) return true;
  const ua = applyUnit(a);
  const ub = applyUnit(b);
  return holds(ua, ub) || holds(ub, ua);
}
