// The indexes trial placements share. A trial places every undecided resource in one namespace and
// leaves the decided ones where they are (the same objects), so what a lookup in another namespace
// finds is the same in every trial: it is indexed once, by position in the workspace's `effective`
// (and `pods()`), and a trial maps positions to its own objects. Only lists in the trial's own
// namespace (decided ones there, then every undecided one, in workspace order) are the trial's.
import type { WorkloadPod, WorkspaceResource } from './analyzer';

const kindNs = (kind: string, ns: string): string => `${kind}\u0000${ns}`;
const kindNsName = (kind: string, ns: string, name: string): string => `${kind}\u0000${ns}\u0000${name}`;

export class PlacementIndex {
  /** Positions of decided resources by (kind, ns, name), by (kind, ns); of undecided ones by (kind, name), kind. */
  private readonly decidedByKey = new Map<string, number[]>();
  private readonly decidedByKindNs = new Map<string, number[]>();
  private readonly undecidedByKindName = new Map<string, number[]>();
  private readonly undecidedByKind = new Map<string, number[]>();
  /** Lists of decided resources (the trials' objects too), shared by every trial. */
  private readonly shared = new Map<string, WorkspaceResource[]>();
  /** Positions in the base's pods() of decided pods by namespace, and of undecided pods. */
  private podsDecidedByNs?: Map<string, number[]>;
  private podsUndecided?: number[];

  constructor(
    private readonly effective: readonly WorkspaceResource[],
    private readonly basePods: () => readonly WorkloadPod[],
  ) {
    effective.forEach((r, i) => {
      if (r.nsKnown) {
        push(this.decidedByKey, kindNsName(r.kind, r.ns, r.name), i);
        push(this.decidedByKindNs, kindNs(r.kind, r.ns), i);
      } else {
        push(this.undecidedByKindName, kindNs(r.kind, r.name), i);
        push(this.undecidedByKind, r.kind, i);
      }
    });
  }

  /** Positions of the resources with this kind, namespace and name in the trial placed in `trialNs`. */
  named(kind: string, ns: string, name: string, trialNs: string): readonly number[] {
    const decided = this.decidedByKey.get(kindNsName(kind, ns, name)) ?? [];
    return ns === trialNs ? merge(decided, this.undecidedByKindName.get(kindNs(kind, name)) ?? []) : decided;
  }

  /** Positions of a kind's resources in the trial's own namespace. */
  inTrialNamespace(kind: string, trialNs: string): number[] {
    return merge(this.decidedByKindNs.get(kindNs(kind, trialNs)) ?? [], this.undecidedByKind.get(kind) ?? []);
  }

  /** A kind's resources in a namespace other than the trial's (decided ones only), one list for every trial. */
  decidedIn(kind: string, ns: string, group: string | undefined): readonly WorkspaceResource[] {
    const k = group === undefined ? kindNs(kind, ns) : `${kindNs(kind, ns)}\u0000${group}`;
    let list = this.shared.get(k);
    if (!list) {
      const all = (this.decidedByKindNs.get(kindNs(kind, ns)) ?? []).map((i) => this.effective[i]);
      this.shared.set(k, (list = group === undefined ? all : all.filter((r) => r.group === group)));
    }
    return list;
  }

  /** Positions in pods() of the pods in namespace `ns` of the trial placed in `trialNs`. */
  podsIn(ns: string, trialNs: string): readonly number[] {
    if (!this.podsDecidedByNs || !this.podsUndecided) {
      this.podsDecidedByNs = new Map();
      this.podsUndecided = [];
      this.basePods().forEach((p, i) => {
        if (p.resource.nsKnown) push(this.podsDecidedByNs!, p.resource.ns, i);
        else this.podsUndecided!.push(i);
      });
    }
    const decided = this.podsDecidedByNs.get(ns) ?? [];
    return ns === trialNs ? merge(decided, this.podsUndecided) : decided;
  }
}

/** Two ascending position lists as one. */
function merge(a: readonly number[], b: readonly number[]): number[] {
  if (!b.length) return [...a];
  if (!a.length) return [...b];
  const out: number[] = [];
  let i = 0,
    j = 0;
  while (i < a.length || j < b.length)
    out.push(j >= b.length || (i < a.length && a[i] < b[j]) ? a[i++] : b[j++]);
  return out;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
