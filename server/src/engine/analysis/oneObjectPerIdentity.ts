// One object per identity: several definitions of one object are alternatives, and the cluster holds one
// (the winner); the others are shadowed by it (alternatives.ts notes them).
import type { WorkspaceResource } from './analyzer';

/**
 * Several definitions of one object (tutorial steps, versions side by side) are alternatives: the
 * cluster holds one. The preferred file's wins, otherwise the last one.
 */
export function oneObjectPerIdentity(
  all: readonly WorkspaceResource[],
  preferred?: (uri: string) => boolean,
  clusterOf?: (uri: string) => string | undefined,
): { effective: WorkspaceResource[]; shadowedBy: Map<WorkspaceResource, WorkspaceResource> } {
  const winner = new Map<string, WorkspaceResource>();
  for (const r of all) {
    const id = identity(r, clusterOf);
    const prev = winner.get(id);
    if (!prev || !(preferred?.(prev.file.uri) && !preferred(r.file.uri))) winner.set(id, r);
  }
  const shadowedBy = new Map<WorkspaceResource, WorkspaceResource>();
  const effective: WorkspaceResource[] = [];
  for (const r of all) {
    const w = winner.get(identity(r, clusterOf))!;
    if (w === r) effective.push(r);
    else shadowedBy.set(r, w);
  }
  return { effective, shadowedBy };
}

/** kind, group, namespace (undecided ones apart) and name. List items of one document are distinct objects too. */
function identity(r: WorkspaceResource, clusterOf?: (uri: string) => string | undefined): string {
  return `${clusterOf?.(r.file.uri) ?? ''}\u0000${r.group}\u0000${r.kind}\u0000${r.nsKnown ? r.ns : '\u0001'}\u0000${r.name}`;
}
