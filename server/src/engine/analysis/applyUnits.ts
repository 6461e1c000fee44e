// Which manifests are applied together, so that a conflict between them (two VirtualServices for one host,
// two namespace-wide Sidecars or Telemetries, two Gateways on one host and port) is proven. A repository is
// applied in pieces: `kubectl apply -f DIR` applies one directory (`-R`: its tree), `kubectl apply -k` or a
// GitOps tool a kustomization's rendering. Two manifests of unrelated directories (neither holds the other)
// that no rendering joins are separate applies: the demos, chapters and clusters side by side in one
// repository, applied one at a time, or to different clusters. An explicit `metadata.namespace` says where a
// manifest lands, not which others are applied with it, nor into which cluster: the tutorial Gateways that
// all say `namespace: istio-system` with the same host and port are steps of different demos. So a conflict
// is proven only inside one apply unit (one directory and its tree, or one kustomize rendering), whatever
// the namespaces, or when the inputs are the whole cluster (`--assume-complete`, as istioctl reads files).
// A file beside a kustomization that does not list it is no part of its directory's apply: that directory is
// applied through the kustomization (`kubectl apply -k`, or Argo CD and Flux, which build it), so such a file
// is applied on its own if at all (an optional policy "enabled as needed"), and is its own unit.
// Being applied together says which manifests share a namespace given at apply time; being in the cluster
// at once, which a conflict needs, asks more: a directory two of whose files define one object is applied a
// file at a time (stepDirectories.ts), steps that may replace one another, so nothing shows two of its files
// (or one of them and one of its tree) in the cluster at once; nor does a tree holding two definitions of
// one object, in sibling subdirectories, show a file of it in the cluster with one of its subdirectories'.
// Not modelled: trees a GitOps object (a Flux Kustomization's `path`, an Argo CD directory recursion)
// applies as one; their conflicts across directories are missed.
import type { AnalysisContext, WorkspaceResource } from './analyzer';
import { dirOf } from '../kustomize';
import { appliedAlone, rootOf } from './placed';

/** The directory (or root kustomization) a resource is applied from. */
function applyUnit(r: WorkspaceResource): string {
  const root = rootOf(r);
  if (root !== undefined) return root;
  // A unit no directory holds (holds() compares paths): only the file's own documents share it.
  if (appliedAlone(r)) return `\u0000${r.file.uri}`;
  // Per file: conflict checks ask it of every pair of candidates.
  let dir = dirs.get(r.file);
  if (dir === undefined) dirs.set(r.file, (dir = dirOf(r.file.uri)));
  return dir;
}
const dirs = new WeakMap<WorkspaceResource['file'], string>();

const holds = (dir: string, other: string): boolean => other === dir || other.startsWith(`${dir}/`);

/** Whether the workspace shows `a` and `b` applied together (one apply unit), so a conflict between them holds. */
export function appliedTogether(ctx: AnalysisContext, a: WorkspaceResource, b: WorkspaceResource): boolean {
  if (ctx.assumeComplete) return true;
  const ua = applyUnit(a);
  const ub = applyUnit(b);
  return holds(ua, ub) || holds(ub, ua);
}

/**
 * Whether the workspace shows `a` and `b` in the cluster at once, so a conflict between them holds: applied
 * together, not two files of a directory applied a file at a time, and, one in a subdirectory of the
 * other's, not across a tree that holds two definitions of one object (not applied whole).
 */
export function presentTogether(ctx: AnalysisContext, a: WorkspaceResource, b: WorkspaceResource): boolean {
  if (!appliedTogether(ctx, a, b)) return false;
  if (ctx.assumeComplete || a.file === b.file) return true;
  const ua = applyUnit(a);
  const ub = applyUnit(b);
  const steps = ctx.stepDirectories();
  if (steps.has(ua) || steps.has(ub)) return false;
  if (ua === ub) return true;
  // Joined only by `apply -R` of the one holding the other: not if that tree is split.
  const holder = holds(ua, ub) ? ua : ub;
  for (const dir of ctx.splitTrees()) if (holds(holder, dir)) return false;
  return true;
}

/** The members of `list` in the cluster at once with `r` (`r` itself among them): the ones a conflict can be with. */
export function presentWith<T extends WorkspaceResource>(
  ctx: AnalysisContext,
  r: WorkspaceResource,
  list: readonly T[],
): T[];
/** The same over items that each hold a resource (`resourceOf`). */
export function presentWith<T>(
  ctx: AnalysisContext,
  r: WorkspaceResource,
  list: readonly T[],
  resourceOf: (o: T) => WorkspaceResource,
): T[];
export function presentWith<T>(
  ctx: AnalysisContext,
  r: WorkspaceResource,
  list: readonly T[],
  resourceOf: (o: T) => WorkspaceResource = (o) => o as WorkspaceResource,
): T[] {
  return list.filter((o) => resourceOf(o) === r || presentTogether(ctx, r, resourceOf(o)));
}

/**
 * `other` is the one `r`'s apply sits beside: its namespace written in it, or applied with `r`. One of
 * another apply unit whose namespace is given at apply time is there only because this run placed it so.
 */
export function placedBeside(ctx: AnalysisContext, other: WorkspaceResource, r: WorkspaceResource): boolean {
  return other.nsKnown || appliedTogether(ctx, other, r);
}
