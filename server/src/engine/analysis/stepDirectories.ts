// Directories whose files are applied one at a time: two of their files define one object. `kubectl apply
// -f DIR` would apply both definitions, the last overwriting the first, so nobody applies the directory
// whole: its files are tutorial steps or versions (`canary-90-10.yaml` beside `canary-50-50.yaml`, each
// step file carrying the Gateway it needs), applied one by one, and a conflict between two of its files is
// not proven (applyUnits.ts). A definition in a file and in a subdirectory's file says the same of the
// directory holding both. Namespace manifests do not count: every self-contained file of an app applied
// together may declare the namespace it lands in. Only plain files count: a kustomize rendering refuses two
// objects of one identity (kustomize's resmap), and an installed object is no file's.
// The same evidence says which trees are not applied whole (splitTrees): `kubectl apply -R -f DIR` applies
// every file of DIR's tree, so two definitions of one object anywhere in it (two sibling demos that each
// carry a copy, `variant-a/policy.yaml` and `variant-b/policy.yaml`) show DIR is not applied recursively;
// its subdirectories are applied apart from its own files, and a conflict between a file of DIR and one of
// its tree is not proven. The lowest directory holding both definitions is recorded; every directory
// holding it is split too.
import type { WorkspaceResource } from './analyzer';
import { dirOf } from '../kustomize';
import { isInstalled } from './installed';
import { rootOf } from './placed';
import type { Workspace } from './workspace';

const NOT_A_SIGN: ReadonlySet<string> = new Set(['Namespace']);

export function stepDirectories(ws: Workspace): ReadonlySet<string> {
  return duplicates(ws).steps;
}

/** The lowest directories whose trees hold two files defining one object: these and their holders are not applied whole. */
export function splitTrees(ws: Workspace): ReadonlySet<string> {
  return duplicates(ws).split;
}

function duplicates(ws: Workspace): Duplicates {
  const known = cache.get(ws);
  if (known) return known;
  const found: Duplicates = { steps: new Set(), split: new Set() };
  for (const [r, winner] of ws.shadowedBy) {
    if (r.file.uri === winner.file.uri || NOT_A_SIGN.has(r.kind) || !plainFile(r) || !plainFile(winner))
      continue;
    const a = dirOf(r.file.uri);
    const b = dirOf(winner.file.uri);
    const holder = commonHolder(a, b);
    if (holder !== undefined) found.steps.add(holder);
    found.split.add(holder ?? lowestCommonDirectory(a, b));
  }
  cache.set(ws, found);
  return found;
}
interface Duplicates {
  steps: Set<string>;
  split: Set<string>;
}
const cache = new WeakMap<Workspace, Duplicates>();

const plainFile = (r: WorkspaceResource): boolean => !isInstalled(r) && rootOf(r) === undefined;

/** The deepest directory holding both of two directories that neither holds ('' for none but the root). */
function lowestCommonDirectory(a: string, b: string): string {
  const pa = a.split('/');
  const pb = b.split('/');
  let i = 0;
  while (i < pa.length && i < pb.length && pa[i] === pb[i]) i++;
  return pa.slice(0, i).join('/');
}

/** The one of two directories that holds the other (the same directory holds itself), if either does. */
function commonHolder(a: string, b: string): string | undefined {
  if (a === b || b.startsWith(`${a}/`)) return a;
  if (a.startsWith(`${b}/`)) return b;
  return undefined;
}
