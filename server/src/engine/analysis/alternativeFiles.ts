// Files that are versions of one another: each defines an object the other defines too, differently (a
// tutorial's step and the next one, a `failover.yaml` beside a `round-robin.yaml` that both rewrite one
// ServiceEntry, Gateway and VirtualService). Applied together, one would overwrite the
// other's definition, so the directory is not what is applied: each file is, one at a time, and the other
// objects of the two files (rules of different names) never meet. An identical definition in both (the
// Namespace each self-contained file declares) is no such sign. Only plain files count: a kustomize
// rendering refuses two objects of one identity (kustomize's resmap), so its sources are never versions.
import type { WorkspaceResource } from './analyzer';
import { isInstalled } from './installed';
import { rootOf } from './placed';
import type { Workspace } from './workspace';

/** Whether `a` and `b` come from two files that define one object differently (versions of one another). */
export type AlternativeFiles = (a: WorkspaceResource, b: WorkspaceResource) => boolean;

export function alternativeFiles(ws: Workspace): AlternativeFiles {
  const definitions = new Map<WorkspaceResource, WorkspaceResource[]>();
  for (const [r, winner] of ws.shadowedBy) {
    if (isInstalled(r) || isInstalled(winner) || rootOf(r) !== undefined || rootOf(winner) !== undefined)
      continue;
    const list = definitions.get(winner) ?? [winner];
    list.push(r);
    definitions.set(winner, list);
  }
  const pairs = new Set<string>();
  for (const list of definitions.values())
    list.forEach((r, i) => {
      for (const o of list.slice(i + 1))
        if (r.file.uri !== o.file.uri && JSON.stringify(r.value) !== JSON.stringify(o.value))
          pairs.add(pairKey(r.file.uri, o.file.uri));
    });
  return (a, b) => pairs.size > 0 && pairs.has(pairKey(a.file.uri, b.file.uri));
}

const pairKey = (x: string, y: string): string => (x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`);
