// The workspace resource graph: every resource of every file, indexed by kind and by
// (kind, namespace, name), plus the pods that workloads would create. Built from per-file
// contributions cached per ParsedFile, so an edit to one file re-reads only that file.
// Built from appliedResources.ts and oneObjectPerIdentity.ts; its pods are workloadPods.ts's.
import type { ParsedFile } from '../parse/parseFile';
import { fileContribution } from './contribution';
import { renderedResources } from './rendered';
import { GATEWAY_API } from './groups';

export { fileContribution };
import { PlacedResource, WatchedResource, place, rootOf, sourceOf } from './placed';
import { PlacementIndex } from './trialIndex';
import { PlacementWatch } from './watch';
import { selectorMatches, type Labels } from './labels';
import type { WorkloadPod, WorkspaceResource } from './analyzer';
import { appliedResources } from './appliedResources';
import { oneObjectPerIdentity } from './oneObjectPerIdentity';
import { namespacesNamedIn } from './namespacesNamedIn';
import { addReadTokens, collectPods, movedPod } from './workloadPods';

export type { WorkloadPod } from './analyzer';

export { POD_TEMPLATE_PATHS } from '../model/workloads';

/** Kinds without a namespace (the common cluster-scoped ones). */
const CLUSTER_SCOPED: ReadonlySet<string> = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
  'GatewayClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'APIService',
  'RuntimeClass',
]);

const key = (kind: string, ns: string, name: string): string => `${kind}\u0000${ns}\u0000${name}`;
const label = (k: string, v: string): string => `${k}\u0000${v}`;

/** What a trial placement shares with its base: its namespace, the base's index, what its move made of each resource moved. */
interface TrialOf {
  ns: string;
  index: PlacementIndex;
  moves: ReadonlyMap<WorkspaceResource, WorkspaceResource>;
}

export interface WorkspaceOptions {
  /** The namespace of manifests that name none (`-n`, istioLens.defaultNamespace); else it is unknown. */
  defaultNamespace?: string;
  /** The resources as they are applied (kustomize renderings); default: every file's, as written. */
  resources?: readonly WorkspaceResource[];
  /** Whether a file's version of an object wins over the others (the open or edited file). */
  preferred?: (uri: string) => boolean;
  /** The cluster a file belongs to: one object per identity and cluster. */
  clusterOf?: (uri: string) => string | undefined;
  /**
   * Whether the namespace a GitOps object applies a manifest to (gitops.ts) decides it (the whole
   * cluster: `--assume-complete`); otherwise it is one more namespace the undecided ones are tried in.
   */
  decideGitOps?: boolean;
}

export class Workspace {
  readonly files: readonly ParsedFile[];
  /** Every resource, alternatives of one object included (navigation lists them all). */
  get all(): readonly WorkspaceResource[] {
    const m = this.movedFrom;
    return (this.allCache ??= m!.workspace.all.map(m!.move));
  }
  /** One resource per identity (kind, namespace, name): what the cluster would hold, and what analyzers see. */
  get effective(): readonly WorkspaceResource[] {
    const m = this.movedFrom;
    return (this.effectiveCache ??= m!.workspace.effective.map(m!.move));
  }
  /** For each resource that lost to another definition of the same object: the one that won. */
  get shadowedBy(): ReadonlyMap<WorkspaceResource, WorkspaceResource> {
    const m = this.movedFrom;
    this.shadowedByCache ??= new Map([...m!.workspace.shadowedBy].map(([r, w]) => [m!.move(r), m!.move(w)]));
    return this.shadowedByCache;
  }
  // A placement's lists are its base's, moved, when first read: a trial placement reads few of them.
  private allCache?: readonly WorkspaceResource[];
  private effectiveCache?: readonly WorkspaceResource[];
  private shadowedByCache?: ReadonlyMap<WorkspaceResource, WorkspaceResource>;
  private readonly byKind = new Map<string, WorkspaceResource[]>();
  /** Built on the first lookup: a trial placement often needs none. */
  private byKey?: Map<string, WorkspaceResource[]>;
  private readonly byKindGroup = new Map<string, WorkspaceResource[]>();
  private podsCache: WorkloadPod[] | undefined;
  private readonly preferred?: (uri: string) => boolean;
  private readonly clusterOf?: (uri: string) => string | undefined;
  /** The namespace undecided namespaces are tried in ('default': as written). */
  placement = 'default';
  /** Set on the first placement: what the running analyzer observes of undecided namespaces. */
  watch?: PlacementWatch;

  /**
   * `moved`: the same objects as `from`'s, each through `move` (a placement: identities are unchanged);
   * `trial`: a trial placement of `from`, whose lookups outside its namespace use `from`'s index.
   */
  constructor(
    files: readonly ParsedFile[],
    opts: WorkspaceOptions = {},
    moved?: {
      from: Workspace;
      move: (r: WorkspaceResource) => WorkspaceResource;
      trial?: TrialOf;
    },
  ) {
    this.files = files;
    this.preferred = opts.preferred;
    this.clusterOf = opts.clusterOf;
    if (moved) {
      const { from, move } = moved;
      if (moved.trial) this.trial = { ...moved.trial, base: from, move };
      this.movedFrom = { workspace: from, move };
    } else {
      let all: readonly WorkspaceResource[] = opts.resources ?? appliedResources(files, opts.decideGitOps);
      const dns = opts.defaultNamespace;
      if (dns) all = all.map((r) => (r.nsKnown ? r : place(r, { ns: dns, nsKnown: true })));
      this.allCache = all;
      const { effective, shadowedBy } = oneObjectPerIdentity(all, opts.preferred, opts.clusterOf);
      this.effectiveCache = effective;
      this.shadowedByCache = shadowedBy;
    }
    if (this.trial) return; // its kinds' lists are its base's, moved, on first use
    for (const r of this.effective) {
      push(this.byKind, r.kind, r);
    }
  }

  /** all[i] (the resource whose indexOf is i), without moving the others. */
  resourceAt(i: number): WorkspaceResource | undefined {
    const m = this.movedFrom;
    if (this.allCache || !m) return this.all[i];
    const r = m.workspace.all[i];
    return r && m.move(r);
  }

  /** effective[i], without moving the others (a trial looks a few up by position). */
  private effectiveAt(i: number): WorkspaceResource {
    const m = this.movedFrom;
    return this.effectiveCache || !m ? this.effective[i] : m.move(m.workspace.effective[i]);
  }

  /** A trial placement: its base, what each moved resource became, and the base's shared index. */
  private readonly trial?: TrialOf & { base: Workspace; move: (r: WorkspaceResource) => WorkspaceResource };

  /** Resources of a kind; with `group`, only that API group ('' is the core group). */
  resources(kind: string, group?: string): readonly WorkspaceResource[] {
    const t = this.trial;
    if (t && !this.byKind.has(kind)) this.byKind.set(kind, t.base.resources(kind).map(t.move));
    const list = this.byKind.get(kind) ?? [];
    if (group === undefined) return list;
    // Memoised: analyzers ask per resource they visit, and a filter per call made that quadratic.
    const k = `${kind}\u0000${group}`;
    let hit = this.byKindGroup.get(k);
    if (!hit) this.byKindGroup.set(k, (hit = list.filter((r) => r.group === group)));
    return hit;
  }

  /** Definitions of objects of a kind that lost to another definition of the same object (alternatives). */
  shadowed(kind: string, group?: string): readonly WorkspaceResource[] {
    // Memoised per query, as resources(): analyzers ask per reference they check. A placement's lists
    // are its base's, moved (the same order: its shadowedBy is its base's, moved).
    const k = group === undefined ? kind : `${kind}\u0000${group}`;
    let hit = this.shadowedCache.get(k);
    if (hit) return hit;
    const m = this.movedFrom;
    if (m) hit = m.workspace.shadowed(kind, group).map(m.move);
    else {
      if (!this.shadowedByKind) {
        this.shadowedByKind = new Map();
        for (const r of this.shadowedBy.keys()) push(this.shadowedByKind, r.kind, r);
      }
      const list = this.shadowedByKind.get(kind) ?? [];
      hit = group === undefined ? list : list.filter((r) => r.group === group);
    }
    this.shadowedCache.set(k, hit);
    return hit;
  }
  private shadowedByKind?: Map<string, WorkspaceResource[]>;
  private readonly shadowedCache = new Map<string, readonly WorkspaceResource[]>();

  /** The resource with this kind, effective namespace and name (cluster-scoped kinds: any namespace). */
  find(kind: string, ns: string, name: string, group?: string): WorkspaceResource | undefined {
    if (this.trial) {
      for (const i of this.trial.index.named(kind, ns, name, this.trial.ns)) {
        const r = this.effectiveAt(i);
        if (group === undefined || r.group === group) return r;
      }
      return undefined;
    }
    this.byKey ??= this.unwatched(() => {
      const m = new Map<string, WorkspaceResource[]>();
      for (const r of this.effective) push(m, key(r.kind, r.ns, r.name), r);
      return m;
    });
    const list = this.byKey.get(key(kind, ns, name)) ?? [];
    return list.find((r) => group === undefined || r.group === group);
  }

  /** Resources of a kind in one namespace (effective namespace), in workspace order. */
  resourcesIn(kind: string, ns: string, group?: string): readonly WorkspaceResource[] {
    const t = this.trial;
    if (t && ns !== t.ns) return t.index.decidedIn(kind, ns, group);
    const k = `${kind}\u0000${ns}`;
    this.byKindNs ??= t
      ? new Map()
      : this.unwatched(() => {
          const m = new Map<string, WorkspaceResource[]>();
          for (const r of this.effective) push(m, `${r.kind}\u0000${r.ns}`, r);
          return m;
        });
    if (t && !this.byKindNs.has(k))
      this.byKindNs.set(
        k,
        t.index.inTrialNamespace(kind, ns).map((i) => this.effectiveAt(i)),
      );
    const list = this.byKindNs.get(k) ?? [];
    if (group === undefined) return list;
    // Memoised, as resources(): one list per query, which callers may index.
    let hit = this.byKindNsGroup.get(`${k}\u0000${group}`);
    if (!hit) this.byKindNsGroup.set(`${k}\u0000${group}`, (hit = list.filter((r) => r.group === group)));
    return hit;
  }
  private byKindNs?: Map<string, WorkspaceResource[]>;
  private readonly byKindNsGroup = new Map<string, WorkspaceResource[]>();

  /** Pods and workload templates in one namespace. */
  podsIn(ns: string): readonly WorkloadPod[] {
    const t = this.trial;
    if (t) {
      this.podsByNs ??= new Map();
      let list = this.podsByNs.get(ns);
      if (!list) {
        const pods = this.pods();
        this.podsByNs.set(ns, (list = t.index.podsIn(ns, t.ns).map((i) => pods[i])));
      }
      return list;
    }
    this.podsByNs ??= this.unwatched(() => {
      const m = new Map<string, WorkloadPod[]>();
      for (const p of this.pods()) push(m, p.ns, p);
      return m;
    });
    return this.podsByNs.get(ns) ?? [];
  }
  private podsByNs?: Map<string, WorkloadPod[]>;

  /**
   * `ns/name`, for telling resources of one kind apart. On the watched placement, an undecided
   * resource's identity differs in a trial only from decided ones of its kind and name (in the first
   * placement's namespace or the trial's): only those namespaces are recorded, not a read of its namespace.
   */
  identityOf(r: WorkspaceResource): string {
    const watch = this.watch;
    if (!watch || r.nsKnown) return `${r.ns}/${r.name}`;
    const ns = this.unwatched(() => r.ns);
    if (ns !== this.placement) watch.readNamespace();
    else
      for (const d of this.decidedNamespacesOf(r.kind, r.name))
        if (d === this.placement) watch.readNamespace();
        else watch.lookedUpIn(d);
    return `${ns}/${r.name}`;
  }

  /** The namespaces of the decided definitions (alternatives too) of a kind and name. */
  private decidedNamespacesOf(kind: string, name: string): readonly string[] {
    if (!this.decidedByIdentity) {
      const m = new Map<string, string[]>();
      for (const r of this.all) if (r.nsKnown) push(m, `${r.kind}\u0000${r.name}`, r.ns);
      this.decidedByIdentity = m;
    }
    return this.decidedByIdentity.get(`${kind}\u0000${name}`) ?? [];
  }
  private decidedByIdentity?: Map<string, string[]>;

  /** Builds an index: the queries on it are what the watch records, not the reads that build it. */
  private unwatched<T>(build: () => T): T {
    const m = this.watch?.mark();
    try {
      return build();
    } finally {
      if (m) this.watch?.restore(m);
    }
  }

  /** Records, for the watch, a query of `token`'s resources in `ns`: undecided ones would move in or out. */
  watchNamespace(token: string, ns: string): void {
    if (!this.watch || !this.undecidedTokens().has(token)) return;
    if (ns === this.placement) this.watch.readNamespace();
    else this.watch.lookedUpIn(ns);
  }

  /** Names of Namespace manifests in the workspace. */
  namespaceNames(): ReadonlySet<string> {
    this.namespaceNamesCache ??= new Set(this.resources('Namespace', '').map((r) => r.name));
    return this.namespaceNamesCache;
  }
  private namespaceNamesCache?: ReadonlySet<string>;

  /** The namespaces resources of decided namespace are applied to: one set in every trial placement. */
  decidedNamespaces(): ReadonlySet<string> {
    // A move changes undecided namespaces only: the set is the one of the workspace moved from.
    if (this.movedFrom) return this.movedFrom.workspace.decidedNamespaces();
    this.decidedNamespacesCache ??= new Set(this.effective.filter((r) => r.nsKnown).map((r) => r.ns));
    return this.decidedNamespacesCache;
  }
  private decidedNamespacesCache?: ReadonlySet<string>;
  /** The workspace this one is a placement of, and what the placement made of each of its resources. */
  private readonly movedFrom?: { workspace: Workspace; move: (r: WorkspaceResource) => WorkspaceResource };

  /** Pods and the pod templates of workloads, each as one pod. */
  pods(): readonly WorkloadPod[] {
    const t = this.trial;
    // A trial's pods are its base's, in the same order: those of moved resources move with them.
    if (!this.podsCache && t) this.podsCache = t.base.pods().map((p) => movedPod(p, t.move(p.resource)));
    if (!this.podsCache) this.podsCache = collectPods(this.effective);
    return this.podsCache;
  }

  /**
   * What `pods().filter((p) => selectorMatches(selector, p.labels))` gives, from an index of the pods'
   * labels: analyzers select pods per subject, and a scan per selector made trials cubic.
   */
  podsSelectedBy(selector: Labels | undefined | null): readonly WorkloadPod[] {
    const entries = selector ? Object.entries(selector) : [];
    if (!selector || !entries.length) return this.pods();
    let hit = this.selected.get(selector);
    if (hit) return hit;
    const byLabel = this.podsByLabel();
    // A pod selected has every entry of the selector as its own label (inherited values are never strings).
    let fewest: readonly number[] | undefined;
    for (const [k, v] of entries) {
      const list = byLabel.get(label(k, v)) ?? [];
      if (!fewest || list.length < fewest.length) fewest = list;
    }
    const pods = this.pods();
    hit = (fewest ?? []).map((i) => pods[i]).filter((p) => selectorMatches(selector, p.labels));
    this.selected.set(selector, hit);
    return hit;
  }

  /** Positions in pods() by label (`key\0value`); a trial's pods are its base's, in the same order. */
  private podsByLabel(): Map<string, number[]> {
    if (this.trial) return this.trial.base.podsByLabel();
    if (!this.podsByLabelCache) {
      this.podsByLabelCache = new Map();
      for (const [i, p] of this.pods().entries())
        for (const [k, v] of Object.entries(p.labels)) push(this.podsByLabelCache, label(k, v), i);
    }
    return this.podsByLabelCache;
  }
  private podsByLabelCache?: Map<string, number[]>;
  private readonly selected = new WeakMap<Labels, WorkloadPod[]>();

  /** The read tokens (kinds, and 'Pod' for workloads) of resources whose namespace is undecided. */
  undecidedTokens(): ReadonlySet<string> {
    if (!this.undecidedCache) {
      this.undecidedCache = new Set<string>();
      for (const r of this.effective) {
        if (r.nsKnown || CLUSTER_SCOPED.has(r.kind)) continue;
        addReadTokens(this.undecidedCache, r.kind);
      }
    }
    return this.undecidedCache;
  }
  private undecidedCache?: Set<string>;

  /** Whether some resource's namespace is undecided. */
  hasUnknownNamespaces(): boolean {
    // Cluster-scoped objects have no namespace to decide: placing them would only multiply the runs.
    return this.effective.some((r) => !r.nsKnown && !CLUSTER_SCOPED.has(r.kind));
  }

  /**
   * The same workspace, its undecided resources watched: reading their namespace, or looking one up
   * by name, is recorded in `watch` (the trial placements that could find differently).
   */
  watched(): Workspace {
    const watch = new PlacementWatch();
    const ws = this.moved((r) => (r.nsKnown ? r : new WatchedResource(r, watch)));
    ws.watch = watch;
    ws.placement = this.placement;
    return ws;
  }

  /** Records a lookup for the watch: its answer differs where an undecided resource of that name moves. */
  watchLookup(kind: string, ns: string, name: string): void {
    if (!this.watch) return;
    if (!this.undecidedNames) {
      this.undecidedNames = new Set();
      for (const r of this.all) if (!r.nsKnown) this.undecidedNames.add(`${r.kind}\u0000${r.name}`);
    }
    if (!this.undecidedNames.has(`${kind}\u0000${name}`)) return;
    if (ns === this.placement) this.watch.readNamespace();
    else this.watch.lookedUpIn(ns);
  }
  private undecidedNames?: Set<string>;

  /** A resource's position in `all`: the same in every placement of this workspace (a subject's identity). */
  indexOf(r: WorkspaceResource): number {
    const t = this.trial;
    if (t) {
      // Its own objects are its base's, or what its move made of one of theirs.
      if (r instanceof PlacedResource && t.moves.get(r.source) === r) return t.base.indexOf(r.source);
      return t.moves.has(r) ? -1 : t.base.indexOf(r);
    }
    if (!this.positions) this.positions = new Map(this.all.map((x, i) => [x, i]));
    return this.positions.get(r) ?? -1;
  }
  private positions?: Map<WorkspaceResource, number>;

  /** The same workspace with every undecided namespace set to `ns` (one trial placement). */
  placedIn(ns: string): Workspace {
    this.placementIndex ??= new PlacementIndex(this.effective, () => this.pods());
    const index = this.placementIndex;
    const ws = this.moved(
      (r) => (r.nsKnown || r.ns === ns ? r : place(r, { ns, nsKnown: false })),
      (moves) => ({ ns, index, moves }),
    );
    ws.placement = ns;
    return ws;
  }
  private placementIndex?: PlacementIndex;

  /** This workspace with its resources moved (one object per resource); who wins each identity is unchanged. */
  private moved(
    move: (r: WorkspaceResource) => WorkspaceResource,
    trial?: (moves: ReadonlyMap<WorkspaceResource, WorkspaceResource>) => TrialOf,
  ): Workspace {
    // Only the resources a move changes are remembered: most stay (decided namespaces, which a
    // placement never moves: asked first, without a lookup).
    const done = new Map<WorkspaceResource, WorkspaceResource>();
    const once = (r: WorkspaceResource) => {
      if (r.nsKnown) return r;
      let m = done.get(r);
      if (!m) {
        m = move(r);
        if (m !== r) done.set(r, m);
      }
      return m;
    };
    return new Workspace(
      this.files,
      { preferred: this.preferred, clusterOf: this.clusterOf },
      { from: this, move: once, trial: trial?.(done) },
    );
  }

  /**
   * The sets analysed apart: overlays rendering one base are alternatives (dev, prod), so resources of
   * roots that share a document never meet; other roots, and plain files, go in every set.
   */
  overlaySets(): Workspace[] {
    const rootsOf = new Map<WorkspaceResource, Set<string>>();
    for (const r of this.all) {
      const root = rootOf(r);
      if (!root) continue;
      const src = sourceOf(r);
      const set = rootsOf.get(src) ?? new Set<string>();
      set.add(root);
      rootsOf.set(src, set);
    }
    const conflicts = new Map<string, Set<string>>();
    for (const roots of rootsOf.values()) {
      if (roots.size < 2) continue;
      for (const a of roots) for (const b of roots) if (a !== b) push2(conflicts, a, b);
    }
    if (!conflicts.size) return [this];
    const groups: Set<string>[] = [];
    for (const root of new Set([...rootsOf.values()].flatMap((s) => [...s]))) {
      const g = groups.find((x) => ![...x].some((o) => conflicts.get(root)?.has(o)));
      if (g) g.add(root);
      else groups.push(new Set([root]));
    }
    return groups.map(
      (g) =>
        new Workspace(this.files, {
          resources: this.all.filter((r) => {
            const root = rootOf(r);
            return !root || g.has(root);
          }),
          preferred: this.preferred,
          clusterOf: this.clusterOf,
        }),
    );
  }

  /**
   * The namespaces an undecided namespace could be: those the workspace uses or declares, those its
   * Istio hosts and gateway references name, and 'default'.
   */
  candidateNamespaces(): string[] {
    const out = new Set<string>(['default']);
    for (const n of this.namespaceNames()) out.add(n);
    for (const set of renderedResources(this.files).gitops.namespaces.values())
      for (const n of set) out.add(n);
    for (const r of this.effective) {
      if (r.nsKnown) out.add(r.ns);
      if (r.group.endsWith('istio.io') || r.group === GATEWAY_API) namespacesNamedIn(r.value, out);
    }
    return [...out];
  }
}

export function buildWorkspace(files: readonly ParsedFile[], opts: WorkspaceOptions = {}): Workspace {
  return new Workspace(files, opts);
}

function push2(m: Map<string, Set<string>>, a: string, b: string): void {
  const s = m.get(a) ?? new Set<string>();
  s.add(b);
  m.set(a, s);
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
