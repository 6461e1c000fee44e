// Directories whose files are applied one at a time: two of their files define one object. `kubectl apply
// -f DIR` would apply both definitions, the last overwriting the first, so nobody applies the directory
// whole: its files are tutorial steps or versions (`canary-90-10.yaml` beside `canary-50-50.yaml`, each
// step file carrying the Gateway it needs), applied one by one, and a conflict between two of its files is
// not proven (applyUnits.ts). A definition in a file and in a subdirectory's file says the same of the
// directory holding both. Namespace manifests do not count: every self-contained file of an app applied
// together may declare the namespace it lands in. Only plain files count: a kustomize rendering refuses two
// objects of one identity (kustomize's resmap), and an installed object is no file's.
import type { WorkspaceResource } from './analyzer';
import { dirOf } from '../kustomize';
import { isInstalled } from './installed';
import { rootOf } from './placed';
import type { Workspace } from './workspace';

const NOT_A_SIGN: ReadonlySet<string> = new Set(['Namespace']);

export function stepDirectories(ws: Workspace): ReadonlySet<string> {
  const known = cache.get(ws);
  if (known) return known;
  const dirs = new Set<string>();
  for (const [r, winner] of ws.shadowedBy) {
    if (r.file.uri === winner.file.uri || NOT_A_SIGN.has(r.kind) || !plainFile(r) || !plainFile(winner))
      continue;
    const holder = commonHolder(dirOf(r.file.uri), dirOf(winner.file.uri));
    if (holder !== undefined) dirs.add(holder);
  }
  cache.set(ws, dirs);
  return dirs;
}
const cache = new WeakMap<Workspace, ReadonlySet<string>>();

const plainFile = (r: WorkspaceResource): boolean => !isInstalled(r) && rootOf(r) === undefined;

/** The one of two directories that holds the other (the same directory holds itself), if either does. */
function commonHolder(a: string, b: string): string | undefined {
  if (a === b || b.startsWith(`${a}/`)) return a;
  if (a.startsWith(`${b}/`)) return b;
  return undefined;
}
