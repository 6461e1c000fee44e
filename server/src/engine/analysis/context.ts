// The AnalysisContext one analyzer sees: the workspace, the mesh config, and a report() that
// records raw IST reports (turned into diagnostics by runAnalyzers).
import type { PathSegment } from '../parse/nodes';
import type { Analyzer, AnalysisContext, ReportHint, WorkspaceResource, WorkloadPod } from './analyzer';
import { DEFAULT_SETTINGS } from '../model/env';
import type { Workspace } from './workspace';
import { isObj, valueAt, type Obj } from '../util/json';
import { isPlaceholder, PLACEHOLDER_REASON } from '../util/placeholder';
import { chartKinds, templatedNames } from './charts';
import { renderedResources } from './rendered';
import { splitTrees, stepDirectories } from './stepDirectories';
import type { PlacementMark } from './watch';
import type { Labels } from './labels';

const NO_NAMES: ReadonlySet<string> = new Set();

/** The dependency token of chart output (incremental analysis re-runs readers when a chart changes). */
export const CHART_TOKEN = 'helm:Chart';
/**
 * The read of decidedNamespaces(): it depends on every resource's namespace (incremental analysis
 * re-runs the reader on any change), and tells apart only the namespaces decided resources are in.
 */
export const DECIDED_NAMESPACES_TOKEN = 'decided:namespaces';

export interface RawReport {
  code: string;
  resource: WorkspaceResource;
  args: readonly unknown[];
  at?: readonly PathSegment[];
  analyzer: string;
  /** Reported as information, with this reason (where istioctl's level is wrong, see the analyzer). */
  informational?: string;
  /** What the run had observed of undecided namespaces when it reported (watched placement only). */
  mark?: PlacementMark;
  /** Why the finding holds (AnalysisContext.reportWithHint). */
  hint?: ReportHint;
}

export class AnalyzerContext implements AnalysisContext {
  readonly reports: RawReport[] = [];
  /** What each analyzer read (kinds, 'Pod', 'Namespace', decided namespaces, '*' = all): its dependencies. */
  readonly reads = new Map<string, Set<string>>();
  private analyzerName = '';
  private current = new Set<string>();
  /** Trial runs: the subjects (positions in the workspace) whose checks run; the others are skipped. */
  focus: ReadonlySet<number> | undefined;
  /** The run reported, within a subject's check, on another resource: its findings are not per subject. */
  unscoped = false;
  private subject: number | undefined;
  /** The current subject's resource: a report on it needs no indexOf (a trial's is several lookups). */
  private subjectResource: WorkspaceResource | undefined;

  constructor(
    readonly workspace: Workspace,
    readonly meshConfig: Obj,
    readonly assumeComplete = false,
    private readonly clusterOfUri?: (uri: string) => string | undefined,
    readonly istioVersion = DEFAULT_SETTINGS.istioVersion,
    readonly meshConfigKnown = true,
  ) {}

  clusterOf(resource: WorkspaceResource): string | undefined {
    return this.clusterOfUri?.(resource.file.uri);
  }

  /** Reports made after this call are attributed to `a`. */
  begin(a: Analyzer): void {
    this.analyzerName = a.meta.name;
    this.current = new Set();
    this.reads.set(a.meta.name, this.current);
    this.workspace.watch?.reset();
    this.unscoped = false;
  }

  memoize<A, T>(compute: (arg: A) => T): (arg: A) => T {
    const known = new Map<A, { value: T; read?: PlacementMark }>();
    return (arg) => {
      const watch = this.workspace.watch;
      const hit = known.get(arg);
      if (hit) {
        if (watch && hit.read) watch.merge(hit.read);
        return hit.value;
      }
      // What the computation reads, observed apart: merged now, and again on each later answer.
      const before = watch?.mark();
      watch?.reset();
      const reported = this.reports.length;
      let value: T;
      let read: PlacementMark | undefined;
      try {
        value = compute(arg);
      } finally {
        read = watch?.mark();
        if (watch && before) {
          watch.restore(before);
          if (read) watch.merge(read);
        }
      }
      if (this.reports.length !== reported) throw new Error('a memoised computation reported');
      known.set(arg, { value, read });
      return value;
    };
  }

  eachSubject<T extends WorkspaceResource | WorkloadPod>(subjects: Iterable<T>, check: (s: T) => void): void {
    // Nested: part of the outer subject's check.
    if (this.subject !== undefined) {
      for (const s of subjects) check(s);
      return;
    }
    const watch = this.workspace.watch;
    const before = watch?.mark();
    let after = before;
    const focused = this.focusedResources();
    for (const s of subjects) {
      const resource: WorkspaceResource = isPod(s) ? s.resource : s;
      if (focused && !focused.has(resource)) continue;
      const subject = this.workspace.indexOf(resource);
      if (!focused && this.focus && !this.focus.has(subject)) continue;
      this.subject = subject;
      this.subjectResource = resource;
      if (watch && before) watch.restore(before);
      try {
        check(s);
      } finally {
        this.subject = undefined;
        this.subjectResource = undefined;
        if (watch && after) {
          const own = watch.mark();
          watch.restore(after);
          watch.merge(own);
          after = watch.mark();
        }
      }
    }
  }

  /**
   * The resources of the focus's positions, so that skipping a subject costs no indexOf (a trial's is
   * several lookups); undefined without focus, or when one is on no resource of the workspace.
   */
  private focusedResources(): ReadonlySet<WorkspaceResource> | undefined {
    const focus = this.focus;
    if (!focus) return undefined;
    if (this.focusCache?.focus === focus) return this.focusCache.resources;
    let resources: Set<WorkspaceResource> | undefined = new Set();
    for (const i of focus) {
      const r = this.workspace.resourceAt(i);
      if (!r) {
        resources = undefined;
        break;
      }
      resources.add(r);
    }
    this.focusCache = { focus, resources };
    return resources;
  }
  private focusCache?: { focus: ReadonlySet<number>; resources: ReadonlySet<WorkspaceResource> | undefined };

  resources(kind: string, group?: string): readonly WorkspaceResource[] {
    this.current.add(kind);
    return this.workspace.resources(kind, group);
  }
  alternatives(kind: string, group?: string): readonly WorkspaceResource[] {
    this.current.add(kind);
    return this.workspace.shadowed(kind, group);
  }
  find(kind: string, ns: string, name: string, group?: string): WorkspaceResource | undefined {
    this.current.add(kind);
    this.workspace.watchLookup(kind, ns, name);
    return this.workspace.find(kind, ns, name, group);
  }
  resourcesIn(kind: string, ns: string, group?: string): readonly WorkspaceResource[] {
    this.current.add(kind);
    this.workspace.watchNamespace(kind, ns);
    return this.workspace.resourcesIn(kind, ns, group);
  }
  podsIn(ns: string): readonly WorkloadPod[] {
    this.current.add('Pod');
    this.workspace.watchNamespace('Pod', ns);
    return this.workspace.podsIn(ns);
  }
  all(): readonly WorkspaceResource[] {
    this.current.add('*');
    return this.workspace.effective;
  }
  pods(): readonly WorkloadPod[] {
    this.current.add('Pod');
    return this.workspace.pods();
  }
  podsSelectedBy(selector: Labels | undefined | null): readonly WorkloadPod[] {
    this.current.add('Pod');
    return this.workspace.podsSelectedBy(selector);
  }
  chartMayRender(kind: string): boolean {
    this.current.add(CHART_TOKEN);
    this.charts ??= { kinds: chartKinds(this.workspace.files) };
    const k = this.charts.kinds;
    return k === 'any' || (k !== undefined && k.has(kind));
  }
  private charts: { kinds: ReadonlySet<string> | 'any' | undefined } | undefined;

  gitOpsNamespaces(): ReadonlySet<string> {
    this.current.add('Namespace');
    return renderedResources(this.workspace.files).gitops.destinations;
  }

  templatedNames(kind: string): ReadonlySet<string> {
    this.current.add(CHART_TOKEN);
    this.templated ??= templatedNames(this.workspace.files);
    return this.templated.get(kind) ?? NO_NAMES;
  }
  private templated: ReadonlyMap<string, ReadonlySet<string>> | undefined;

  releasedInto(ns?: string): boolean {
    this.current.add(CHART_TOKEN);
    const released = renderedResources(this.workspace.files).gitops.releaseNamespaces;
    return ns === undefined ? released.size > 0 : released.has(ns);
  }

  identity(r: WorkspaceResource): string {
    return this.workspace.identityOf(r);
  }

  namespaceNames(): ReadonlySet<string> {
    this.current.add('Namespace');
    return this.workspace.namespaceNames();
  }

  stepDirectories(): ReadonlySet<string> {
    // Which object each file's definition shadows is in every analyzer's input (incremental.ts placements).
    return stepDirectories(this.workspace);
  }

  splitTrees(): ReadonlySet<string> {
    return splitTrees(this.workspace);
  }

  decidedNamespaces(): ReadonlySet<string> {
    this.current.add(DECIDED_NAMESPACES_TOKEN);
    return this.workspace.decidedNamespaces();
  }

  report(
    code: string,
    resource: WorkspaceResource,
    args: readonly unknown[],
    at?: readonly PathSegment[],
  ): void {
    this.reportWithHint(undefined, code, resource, args, at);
  }

  reportWithHint(
    hint: ReportHint | undefined,
    ...[code, resource, args, at]: Parameters<AnalysisContext['report']>
  ): void {
    // What a reference names is decided when a placeholder is substituted: the workspace cannot
    // prove it missing (the per-document rules note the placeholder the same way).
    const placeholder =
      NOT_FOUND.has(code) && at !== undefined && holdsPlaceholder(valueAt(resource.value, ...at));
    this.record(code, resource, args, at, placeholder ? PLACEHOLDER_REASON : undefined, hint);
  }

  reportAsInformation(
    reason: string,
    ...[code, resource, args, at]: Parameters<AnalysisContext['report']>
  ): void {
    this.record(code, resource, args, at, reason);
  }

  private record(
    code: string,
    resource: WorkspaceResource,
    args: readonly unknown[],
    at: readonly PathSegment[] | undefined,
    informational: string | undefined,
    hint?: ReportHint,
  ): void {
    const subject = this.subject;
    if (
      subject !== undefined &&
      resource !== this.subjectResource &&
      this.workspace.indexOf(resource) !== subject
    )
      this.unscoped = true;
    const mark = this.workspace.watch?.mark();
    const r: RawReport = { code, resource, args, at, analyzer: this.analyzerName, informational, mark };
    if (hint) r.hint = hint;
    this.reports.push(r);
  }
}

const isPod = (s: WorkspaceResource | WorkloadPod): s is WorkloadPod => 'podPath' in s;

/** "Not found" findings: a reference (host, gateway, subset, selector) that matches nothing. */
const NOT_FOUND = new Set(['IST0101', 'IST0127', 'IST0132', 'IST0173', 'IST0174']);

/** A placeholder (util/placeholder) is the value at the report's node, or a value of the selector there. */
function holdsPlaceholder(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return isPlaceholder(v, { wordsAllowed: true });
  if (depth > 2 || !isObj(v)) return false;
  return Object.values(v).some((x) => holdsPlaceholder(x, depth + 1));
}
