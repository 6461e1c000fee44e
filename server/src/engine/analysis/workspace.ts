// The workspace resource graph: every resource of every file, indexed by kind and by
// (kind, namespace, name), plus the pods that workloads would create. Built from per-file
// contributions cached per ParsedFile, so an edit to one file re-reads only that file.
import type { ParsedFile } from '../parse/parseFile';
import { fileContribution } from './contribution';
import { renderedResources } from './rendered';

export { fileContribution };
import { WatchedResource, place, rootOf, sourceOf } from './placed';
import { PlacementWatch } from './watch';
import { POD_TEMPLATE_PATHS } from '../model/workloads';
import { selectorMatches, stringRecord, type Labels } from './labels';
import type { WorkloadPod, WorkspaceResource } from './analyzer';
import { isObj, obj, valueAt, type Obj } from '../util/json';
import type { PathSegment } from '../parse/nodes';

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

export interface WorkspaceOptions {
  /** The namespace of manifests that name none (`-n`, istioLens.defaultNamespace); else it is unknown. */
  defaultNamespace?: string;
  /** The resources as they are applied (kustomize renderings); default: every file's, as written. */
  resources?: readonly WorkspaceResource[];
  /** Whether a file's version of an object wins over the others (the open or edited file). */
  preferred?: (uri: string) => boolean;
  /** The cluster a file belongs to: one object per identity and cluster. */
  clusterOf?: (uri: string) => string | undefined;
}

export class Workspace {
  readonly files: readonly ParsedFile[];
  /** Every resource, alternatives of one object included (navigation lists them all). */
  readonly all: readonly WorkspaceResource[];
  /** One resource per identity (kind, namespace, name): what the cluster would hold, and what analyzers see. */
  readonly effective: readonly WorkspaceResource[];
  /** For each resource that lost to another definition of the same object: the one that won. */
  readonly shadowedBy: ReadonlyMap<WorkspaceResource, WorkspaceResource>;
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

  /** `moved`: the same objects as `from`'s, each through `move` (a placement: identities are unchanged). */
  constructor(
    files: readonly ParsedFile[],
    opts: WorkspaceOptions = {},
    moved?: { from: Workspace; move: (r: WorkspaceResource) => WorkspaceResource },
  ) {
    this.files = files;
    this.preferred = opts.preferred;
    this.clusterOf = opts.clusterOf;
    if (moved) {
      const { from, move } = moved;
      this.all = from.all.map(move);
      this.effective = from.effective.map(move);
      this.shadowedBy = new Map([...from.shadowedBy].map(([r, w]) => [move(r), move(w)]));
    } else {
      let all: readonly WorkspaceResource[] = opts.resources ?? renderedResources(files).resources;
      const dns = opts.defaultNamespace;
      if (dns) all = all.map((r) => (r.nsKnown ? r : place(r, { ns: dns, nsKnown: true })));
      this.all = all;
      const { effective, shadowedBy } = oneObjectPerIdentity(all, opts.preferred, opts.clusterOf);
      this.effective = effective;
      this.shadowedBy = shadowedBy;
    }
    for (const r of this.effective) {
      push(this.byKind, r.kind, r);
    }
  }

  /** Resources of a kind; with `group`, only that API group ('' is the core group). */
  resources(kind: string, group?: string): readonly WorkspaceResource[] {
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
    // Indexed on first use: analyzers ask per reference they check.
    if (!this.shadowedByKind) {
      this.shadowedByKind = new Map();
      for (const r of this.shadowedBy.keys()) push(this.shadowedByKind, r.kind, r);
    }
    const list = this.shadowedByKind.get(kind) ?? [];
    return group === undefined ? list : list.filter((r) => r.group === group);
  }
  private shadowedByKind?: Map<string, WorkspaceResource[]>;

  /** The resource with this kind, effective namespace and name (cluster-scoped kinds: any namespace). */
  find(kind: string, ns: string, name: string, group?: string): WorkspaceResource | undefined {
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
    this.byKindNs ??= this.unwatched(() => {
      const m = new Map<string, WorkspaceResource[]>();
      for (const r of this.effective) push(m, `${r.kind}\u0000${r.ns}`, r);
      return m;
    });
    const k = `${kind}\u0000${ns}`;
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
    this.podsByNs ??= this.unwatched(() => {
      const m = new Map<string, WorkloadPod[]>();
      for (const p of this.pods()) push(m, p.ns, p);
      return m;
    });
    return this.podsByNs.get(ns) ?? [];
  }
  private podsByNs?: Map<string, WorkloadPod[]>;

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

  /** Pods and the pod templates of workloads, each as one pod. */
  pods(): readonly WorkloadPod[] {
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
    if (!this.podsByLabel) {
      this.podsByLabel = new Map();
      for (const p of this.pods())
        for (const [k, v] of Object.entries(p.labels)) push(this.podsByLabel, label(k, v), p);
    }
    // A pod selected has every entry of the selector as its own label (inherited values are never strings).
    let fewest: readonly WorkloadPod[] | undefined;
    for (const [k, v] of entries) {
      const list = this.podsByLabel.get(label(k, v)) ?? [];
      if (!fewest || list.length < fewest.length) fewest = list;
    }
    hit = (fewest ?? []).filter((p) => selectorMatches(selector, p.labels));
    this.selected.set(selector, hit);
    return hit;
  }
  private podsByLabel?: Map<string, WorkloadPod[]>;
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
    if (!this.positions) this.positions = new Map(this.all.map((x, i) => [x, i]));
    return this.positions.get(r) ?? -1;
  }
  private positions?: Map<WorkspaceResource, number>;

  /** The same workspace with every undecided namespace set to `ns` (one trial placement). */
  placedIn(ns: string): Workspace {
    const ws = this.moved((r) => (r.nsKnown || r.ns === ns ? r : place(r, { ns, nsKnown: false })));
    ws.placement = ns;
    return ws;
  }

  /** This workspace with its resources moved (one object per resource); who wins each identity is unchanged. */
  private moved(move: (r: WorkspaceResource) => WorkspaceResource): Workspace {
    const done = new Map<WorkspaceResource, WorkspaceResource>();
    const once = (r: WorkspaceResource) => {
      let m = done.get(r);
      if (!m) done.set(r, (m = move(r)));
      return m;
    };
    return new Workspace(
      this.files,
      { preferred: this.preferred, clusterOf: this.clusterOf },
      { from: this, move: once },
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
    for (const r of this.effective) {
      if (r.nsKnown) out.add(r.ns);
      if (r.group.endsWith('istio.io') || r.group === 'gateway.networking.k8s.io')
        namespacesNamedIn(r.value, out);
    }
    return [...out];
  }
}

export function buildWorkspace(files: readonly ParsedFile[], opts: WorkspaceOptions = {}): Workspace {
  return new Workspace(files, opts);
}

/**
 * Several definitions of one object (tutorial steps, versions side by side) are alternatives: the
 * cluster holds one. The preferred file's wins, otherwise the last one.
 */
function oneObjectPerIdentity(
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

const HOST_NS = /^[^./\s]*\.([a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)\.svc(?:\.|$)/;
const NS_SLASH_NAME = /^([a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)\/[^/\s]+$/;
const MAX_WALK = 5000;

/** Namespaces a resource names: `name.ns.svc...` hosts and `ns/name` references (bounded walk). */
function namespacesNamedIn(value: unknown, out: Set<string>): void {
  const stack: unknown[] = [value];
  for (let seen = 0; stack.length && seen < MAX_WALK; seen++) {
    const v = stack.pop();
    if (typeof v === 'string') {
      const m = HOST_NS.exec(v) ?? NS_SLASH_NAME.exec(v);
      if (m) out.add(m[1]);
    } else if (v && typeof v === 'object') {
      const children: unknown[] = Object.values(v);
      for (const x of children) stack.push(x);
    }
  }
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

class Pod implements WorkloadPod {
  constructor(
    readonly resource: WorkspaceResource,
    readonly labels: Record<string, string>,
    readonly annotations: Record<string, string>,
    readonly podPath: readonly PathSegment[],
    readonly spec: Obj,
    readonly fromTemplate: boolean,
  ) {}
  /** The resource's, read when asked (a watched placement records it). */
  get ns(): string {
    return this.resource.ns;
  }
  get name(): string {
    return this.resource.name;
  }
}

function collectPods(all: readonly WorkspaceResource[]): WorkloadPod[] {
  const out: WorkloadPod[] = [];
  for (const r of all) {
    if (r.kind === 'Pod' && r.group === '') {
      out.push(new Pod(r, r.labels, r.annotations, [], obj(r.value.spec), false));
      continue;
    }
    const path = POD_TEMPLATE_PATHS[r.kind];
    if (!path || !isWorkloadGroup(r.group)) continue;
    const tpl = valueAt(r.value, ...path);
    if (!isObj(tpl)) continue;
    out.push(
      new Pod(
        r,
        stringRecord(valueAt(tpl, 'metadata', 'labels')),
        stringRecord(valueAt(tpl, 'metadata', 'annotations')),
        path,
        obj(tpl.spec),
        true,
      ),
    );
  }
  return out;
}

function isWorkloadGroup(group: string): boolean {
  return (
    group === 'apps' ||
    group === 'batch' ||
    group === '' ||
    group === 'apps.openshift.io' ||
    group === 'extensions'
  );
}

/** The read tokens a resource of `kind` answers to (AnalyzerContext.reads): its kind, and 'Pod' for pods and workloads. */
export function addReadTokens(out: Set<string>, kind: string): void {
  out.add(kind);
  if (kind === 'Pod' || POD_TEMPLATE_PATHS[kind]) out.add('Pod');
}
