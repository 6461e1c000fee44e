// Runs Istio's analyzers over a workspace and turns their IST reports into diagnostics per file:
// message from the catalogue, level → severity, docs link, range on the reported node, suppression.
import { Severity, SOURCE, type EngineDiagnostic, type RelatedInformation } from '../model/diagnostic';
import type { ParsedFile } from '../parse/parseFile';
import { nodeSpan, type PathSegment } from '../parse/nodes';
import type { Range } from '../parse/position';
import type { Analyzer, RelatedRef, WorkspaceResource } from './analyzer';
import { AnalyzerContext, type RawReport } from './context';
import { rootOf } from './placed';
import { markMatters, markMattersIn, type PlacementMark } from './watch';
import { NamespaceClasses, namespaceOf } from './namespaceClasses';
import { goFormat } from '../util/goFormat';
import { applyMeshConfig, defaultMeshConfig } from '../mesh';
import { MESSAGES } from './messages.gen';
import { suppressedByAnnotation, suppressedByComment } from './suppression';
import { installedFiles, isInstalled, type AssumeInstalled } from './installed';
import { operatorMeshConfig } from './istioOperator';
import { configMapMeshConfig } from './meshConfigMap';
import { isGenerated } from './generated';
import { buildWorkspace, type Workspace, type WorkspaceOptions } from './workspace';
import { alternativeNotes } from './alternatives';
import { nodePortConflicts } from './nodePortConflicts';
import { destinationRuleMerges } from './destinationRuleMerges';
import { NETWORKING } from './groups';
import type { ReportFilter } from './reportFilter';
import type { Obj } from '../util/json';

export interface AnalyzeOptions {
  /**
   * Analyzers to run. The registry sits a layer above (engine/analyzers: IN_ALL_ANALYZERS is Istio's
   * `analyze` set), so the caller passes it in.
   */
  analyzers: readonly Analyzer[];
  /**
   * MeshConfig: Istio's defaults, or defaults with an overlay already applied (see applyMeshConfig). Given,
   * it is the cluster's (AnalysisContext.meshConfigKnown); else the workspace's IstioOperator sets it, or
   * Istio's defaults stand for a config the workspace does not show.
   */
  meshConfig?: Obj;
  /** Keep only these IST codes and/or analyzer names (e.g. ['IST0101', 'gateway.SecretAnalyzer']). */
  only?: readonly string[];
  /** Codes never reported. */
  disabledCodes?: readonly string[];
  /** The files are the whole cluster (see AnalysisContext.assumeComplete); default false. */
  assumeComplete?: boolean;
  /** The cluster each file belongs to (multi-cluster analysis); files of no cluster return undefined. */
  clusterOf?: (uri: string) => string | undefined;
  /** What the cluster holds beyond the files (installed.ts); default: `none` with assumeComplete, else `default`. */
  assumeInstalled?: AssumeInstalled;
  /** The namespace of manifests that name none (`-n`); else it is undecided ('default' with assumeComplete). */
  defaultNamespace?: string;
  /** Whether a file's definition of an object wins over others (the open or edited file). */
  preferred?: (uri: string) => boolean;
  /** The Istio minor release the cluster runs (`1.32`): analyzers whose finding changed meaning read it. */
  istioVersion?: string;
  /** A hint on each other definition of an object (alternatives.ts): the front ends' view; default false. */
  alternativeNotes?: boolean;
}

/** The files analysis reads: the workspace's, plus the assumed installation as a virtual file. */
export function analyzedFiles(files: readonly ParsedFile[], opts: AnalyzeOptions): readonly ParsedFile[] {
  const mode = opts.assumeInstalled ?? (opts.assumeComplete ? 'none' : 'default');
  const installed = installedFiles(files, mode);
  return installed.length ? [...files, ...installed] : files;
}

/** How the workspace is built for these options. */
export function workspaceOptions(opts: AnalyzeOptions): WorkspaceOptions {
  return {
    defaultNamespace: opts.defaultNamespace,
    preferred: opts.preferred,
    clusterOf: opts.clusterOf,
    decideGitOps: opts.assumeComplete,
  };
}

export const SEVERITY_OF_LEVEL: Readonly<Record<string, Severity>> = {
  Error: Severity.Error,
  Warning: Severity.Warning,
  Info: Severity.Information,
};

export function istDocsUrl(code: string): string {
  return `https://istio.io/latest/docs/reference/config/analysis/${code.toLowerCase()}/`;
}

/** Diagnostics per file URI; every file of the workspace has an entry (possibly empty). */
export function analyzeWorkspace(
  files: readonly ParsedFile[],
  opts: AnalyzeOptions,
): Map<string, EngineDiagnostic[]> {
  const ws = buildWorkspace(analyzedFiles(files, opts), workspaceOptions(opts));
  const out = new Map<string, EngineDiagnostic[]>();
  for (const f of files) out.set(f.uri, []);
  for (const d of analyzeWorkspaceModel(ws, opts)) out.get(d.uri)?.push(d.diagnostic);
  return out;
}

export interface LocatedDiagnostic {
  uri: string;
  diagnostic: EngineDiagnostic;
  report?: RawReport;
}

/** The same over an already built Workspace, as a flat list (for the CLI and incremental callers). */
export function analyzeWorkspaceModel(ws: Workspace, opts: AnalyzeOptions): LocatedDiagnostic[] {
  const filter = reportFilter(opts);
  const ctxs = analyzerContexts(ws, opts);
  return onePerRange([
    ...selectedAnalyzers(opts).flatMap((a) => runAnalyzerPlaced(ctxs, a, filter)),
    ...(opts.alternativeNotes ? alternativeNotes(ws, filter) : []),
    ...workspaceConflicts(ctxs, filter),
  ]);
}

/**
 * What the API server rejects of resources applied together (nodePortConflicts.ts), and what istiod
 * ignores when it merges them (destinationRuleMerges.ts), in each placement set.
 */
export function workspaceConflicts(ctxs: readonly PlacementSet[], filter: ReportFilter): LocatedDiagnostic[] {
  return ctxs.flatMap((set) => [
    ...nodePortConflicts(
      set.first,
      [...set.first.workspace.resources('Service', ''), ...set.first.workspace.shadowed('Service', '')],
      filter,
    ),
    ...destinationRuleMerges(set.first, set.first.workspace.resources('DestinationRule', NETWORKING), filter),
  ]);
}

/**
 * Two analyzers can say the same thing of one node (a Gateway's selector matching no pod is a missing
 * reference for the secret and the port analyzers alike); Istio hands its messages out deduplicated
 * (diag.Messages.SortedDedupedCopy), and so do we: one finding per file, code, range and message.
 */
export function onePerRange(found: readonly LocatedDiagnostic[]): LocatedDiagnostic[] {
  const seen = new Set<string>();
  return found.filter((d) => {
    const k = `${findingKey(d)}\u0000${d.diagnostic.severity}\u0000${d.diagnostic.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function reportFilter(opts: AnalyzeOptions): ReportFilter {
  return {
    only: opts.only?.length
      ? new Set(opts.only.map((s) => (/^ist\d+$/i.test(s) ? s.toUpperCase() : s)))
      : null,
    disabled: new Set((opts.disabledCodes ?? []).map((c) => c.toUpperCase())),
  };
}

export function selectedAnalyzers(opts: AnalyzeOptions): readonly Analyzer[] {
  const candidates = opts.analyzers;
  const only = reportFilter(opts).only;
  return only
    ? candidates.filter((a) => only.has(a.meta.name) || a.meta.codes.some((c) => only.has(c)))
    : candidates;
}

export function analyzerContext(ws: Workspace, opts: AnalyzeOptions): AnalyzerContext {
  return new AnalyzerContext(
    ws,
    opts.meshConfig ?? defaultMeshConfig(),
    opts.assumeComplete ?? false,
    opts.clusterOf,
    opts.istioVersion,
    opts.meshConfig !== undefined || opts.assumeComplete === true,
  );
}

/**
 * Where analysis runs, per overlay set (overlays of one base apart): the workspace as written
 * (undecided namespaces are 'default'), watched, and each other namespace the undecided ones could be
 * applied to, whose contexts are built only when an analyzer needs them.
 */
export class PlacementSet {
  readonly first: AnalyzerContext;
  private readonly contexts = new Map<string, AnalyzerContext>();

  constructor(
    private readonly set: Workspace,
    private readonly opts: AnalyzeOptions,
    /** The namespaces undecided ones are tried in besides the first placement's. */
    readonly trials: readonly string[],
  ) {
    this.first = analyzerContext(trials.length ? set.watched() : set, opts);
  }

  /** The context of the trial placement in `ns`. */
  trial(ns: string): AnalyzerContext {
    let ctx = this.contexts.get(ns);
    if (!ctx) this.contexts.set(ns, (ctx = analyzerContext(this.set.placedIn(ns), this.opts)));
    return ctx;
  }

  /** The trial namespaces in classes one trial stands for, for an analyzer that read `reads`. */
  classes(reads: ReadonlySet<string>): readonly (readonly string[])[] {
    // All decided: nothing to group, and the grouping scans every resource's strings.
    if (!this.trials.length) return [];
    this.grouping ??= new NamespaceClasses(this.set, this.first.meshConfig, this.trials);
    return this.grouping.classes(reads);
  }
  private grouping?: NamespaceClasses;

  /** The contexts built so far (their reads are the analyzers' dependencies). */
  built(): AnalyzerContext[] {
    return [this.first, ...this.contexts.values()];
  }

  /**
   * The finding key of a report in any placement, memoised per subject, path and code: trials repeat
   * the same reports once per namespace, and finding a node by its path in the YAML tree, then keying
   * it, dominated their cost. The path is walked as a trie, so a repeated report builds no string.
   */
  keyOf(r: RawReport, subject: number): string {
    if (subject < 0) return rangeKey(r.resource.file.uri, r.code, rangeText(rangeAt(r)));
    let node = this.keys.get(subject);
    if (!node) this.keys.set(subject, (node = {}));
    for (const s of r.at ?? []) {
      node.next ??= new Map();
      let child = node.next.get(s);
      if (!child) node.next.set(s, (child = {}));
      node = child;
    }
    node.byCode ??= new Map();
    let key = node.byCode.get(r.code);
    if (key === undefined) {
      node.range ??= rangeText(rangeAt(r));
      node.byCode.set(r.code, (key = rangeKey(r.resource.file.uri, r.code, node.range)));
    }
    return key;
  }
  private readonly keys = new Map<number, PathNode>();
}

/** A node of PlacementSet's path trie: the range at this path, and the finding key per code. */
interface PathNode {
  next?: Map<PathSegment, PathNode>;
  range?: string;
  byCode?: Map<string, string>;
}

/** The mesh config the workspace shows: its IstioOperator's or its `istio` ConfigMap's, when they agree. */
function workspaceMeshConfig(files: readonly ParsedFile[]): Obj | undefined {
  const operator = operatorMeshConfig(files);
  const configMap = configMapMeshConfig(files);
  if (operator && configMap)
    return JSON.stringify(operator) === JSON.stringify(configMap) ? operator : undefined;
  return operator ?? configMap;
}

/** The placement sets of a workspace; no trials when all is decided (or the files are the whole cluster). */
export function analyzerContexts(ws: Workspace, opts: AnalyzeOptions): PlacementSet[] {
  // Without a configured mesh config, the installation the workspace describes sets it: its IstioOperator's,
  // or istiod's ConfigMap (both, when they differ, leave it unknown).
  const installedMesh = opts.meshConfig ? undefined : workspaceMeshConfig(ws.files);
  if (installedMesh) opts = { ...opts, meshConfig: applyMeshConfig(installedMesh) };
  return ws.overlaySets().map((set) => {
    // The whole cluster (istioctl analyze on files): a manifest without namespace is in 'default'.
    const undecided = !opts.assumeComplete && set.hasUnknownNamespaces();
    const trials = undecided ? set.candidateNamespaces().filter((n) => n !== set.placement) : [];
    return new PlacementSet(set, opts, trials);
  });
}

/**
 * Runs one analyzer in every placement. Within an overlay set it keeps what holds in every placement:
 * an undecided namespace must not create a finding another namespace would not have. Over the sets
 * it keeps what any finds; a finding repeated at the same range (a base in several overlays) once.
 */
export function runAnalyzerPlaced(
  sets: readonly PlacementSet[],
  a: Analyzer,
  filter: ReportFilter,
): LocatedDiagnostic[] {
  const found = new Map<string, { d: LocatedDiagnostic; sets: number }>();
  for (const set of sets) {
    const here = new Map<string, LocatedDiagnostic>();
    for (const d of runAnalyzer(set.first, a, filter))
      if (!here.has(findingKey(d))) here.set(findingKey(d), d);
    // Trial placements only move undecided resources, and only ever remove findings. A finding whose
    // report came before anything a move changes was observed (the watch) holds in every trial: a
    // trial runs only for findings it could remove, and re-checks only their subjects. One trial stands
    // for namespaces the analyzer cannot tell apart (namespaceClasses.ts), but for findings on their own
    // manifests, and unless it read a kind the grouping did not look at.
    const reads = set.first.reads.get(a.meta.name) ?? new Set(['*']);
    for (const cls of here.size ? set.classes(reads) : []) {
      if (!here.size) break;
      const members = new Set(cls);
      const read = tryPlacement(set, cls[0], a, filter, here, (m) => markMattersIn(m, members));
      if (cls.length < 2 || !read) continue;
      const grew = [...read].some((t) => !reads.has(t) && !reads.has('*'));
      const tied = (d: LocatedDiagnostic) => !!d.report && members.has(namespaceOf(d.report.resource) ?? '');
      for (const ns of cls.slice(1))
        tryPlacement(set, ns, a, filter, here, (m) => markMatters(m, ns), grew ? undefined : tied);
    }
    for (const [k, d] of here) {
      const prev = found.get(k);
      if (prev) prev.sets++;
      else found.set(k, { d, sets: 1 });
    }
  }
  // A plain file's resource is in every set: what it finds must hold whichever overlay is applied.
  return [...found.values()]
    .filter(({ d, sets: n }) => n === sets.length || (d.report && rootOf(d.report.resource)))
    .map(({ d }) => d);
}

/**
 * Runs the trial in `ns` for the findings of `here` it could remove (their mark `matters`; with `only`,
 * those it picks) and drops those it does not find. Returns what the trial read, if it ran.
 */
function tryPlacement(
  set: PlacementSet,
  ns: string,
  a: Analyzer,
  filter: ReportFilter,
  here: Map<string, LocatedDiagnostic>,
  matters: (m: PlacementMark) => boolean,
  only?: (d: LocatedDiagnostic) => boolean,
): Set<string> | undefined {
  const open = [...here].filter(([, d]) => (!d.report?.mark || matters(d.report.mark)) && (!only || only(d)));
  if (!open.length) return undefined;
  const perSubject = !set.first.unscoped;
  const on = resourcesOf(set.first.workspace, open);
  const ctx = set.trial(ns);
  let keys = trialKeys(set, ns, a, filter, perSubject ? on : undefined, on);
  const read = new Set(ctx.reads.get(a.meta.name));
  // A check reported beside its subject in this placement: its focus may miss a report.
  if (perSubject && on && ctx.unscoped) {
    keys = trialKeys(set, ns, a, filter, undefined, on);
    for (const t of ctx.reads.get(a.meta.name) ?? []) read.add(t);
  }
  for (const [k] of open) if (!keys.has(k)) here.delete(k);
  return read;
}

/**
 * The resources these findings are on (positions in the workspace): the subjects whose checks could
 * report them (a check reports on its own subject only). Undefined when one is on none (an internal error).
 */
function resourcesOf(ws: Workspace, found: readonly [string, LocatedDiagnostic][]): Set<number> | undefined {
  const out = new Set<number>();
  for (const [, d] of found) {
    if (!d.report) return undefined;
    out.add(ws.indexOf(d.report.resource));
  }
  return out;
}

function findingKey(d: LocatedDiagnostic): string {
  return rangeKey(d.uri, d.diagnostic.code, rangeText(d.diagnostic.range));
}

/** The key a finding is matched by across placements: the first run's and each trial's must agree. */
function rangeKey(uri: string, code: string | number | undefined, range: string): string {
  return `${uri}\u0000${code}\u0000${range}`;
}

function rangeAt(r: RawReport): Range {
  const span = spanAt(r.resource, r.at ?? []);
  return r.resource.file.lines.range(span[0], span[1]);
}

const rangeText = (r: Range): string =>
  `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

/**
 * The finding keys of one trial run. Only keys of the first run's findings matter, and those passed
 * the filters, which depend on the document, code and line alone: a trial needs no message, nor filters.
 */
function trialKeys(
  set: PlacementSet,
  ns: string,
  a: Analyzer,
  filter: ReportFilter,
  focus: ReadonlySet<number> | undefined,
  on: ReadonlySet<number> | undefined,
): Set<string> {
  const ctx = set.trial(ns);
  const from = ctx.reports.length;
  const out = new Set<string>();
  ctx.begin(a);
  ctx.focus = focus;
  try {
    a.analyze(ctx);
  } catch {
    // A crash's internal-error and what it reported before: as runAnalyzer has them (every subject).
    ctx.reports.length = from;
    ctx.focus = undefined;
    return new Set(runAnalyzer(ctx, a, filter).map(findingKey));
  } finally {
    ctx.focus = undefined;
  }
  // Reports come in runs on one resource: its position is looked up once per run.
  let last: WorkspaceResource | undefined;
  let subject = -1;
  for (let i = from; i < ctx.reports.length; i++) {
    const r = ctx.reports[i];
    if (r.resource !== last) subject = ctx.workspace.indexOf((last = r.resource));
    if (on && !on.has(subject)) continue; // not a finding the trial checks
    out.add(set.keyOf(r, subject));
  }
  ctx.reports.length = from;
  return out;
}

/** Runs one analyzer; its reports become diagnostics (filters and suppression applied). A crash costs one internal-error. */
export function runAnalyzer(ctx: AnalyzerContext, a: Analyzer, filter: ReportFilter): LocatedDiagnostic[] {
  const from = ctx.reports.length;
  const out: LocatedDiagnostic[] = [];
  ctx.begin(a);
  try {
    a.analyze(ctx);
  } catch (e) {
    const crash = internalError(ctx.workspace, a, e);
    if (crash) out.push(crash);
  }
  for (const r of ctx.reports.slice(from)) {
    if (filter.disabled.has(r.code) || isInstalled(r.resource) || isGenerated(r.resource)) continue;
    if (filter.only && !filter.only.has(r.code) && !filter.only.has(r.analyzer)) continue;
    if (suppressedByAnnotation(r.resource, r.code)) continue;
    const diagnostic = toDiagnostic(r);
    if (suppressedByComment(r.resource.file, diagnostic.range.start.line, r.code)) continue;
    out.push({ uri: r.resource.file.uri, diagnostic, report: r });
  }
  return out;
}

export { applyMeshConfig, defaultMeshConfig };

/** A finding whose document moved within its re-parsed file: its range where the node is now. */
export function relocated(d: LocatedDiagnostic): LocatedDiagnostic {
  const r = d.report;
  if (!r) return d;
  const diagnostic = { ...d.diagnostic, range: rangeAt(r) };
  if (r.hint?.related) diagnostic.relatedInformation = relatedInformation(r.hint.related);
  return { ...d, diagnostic };
}

function relatedInformation(related: readonly RelatedRef[]): RelatedInformation[] {
  return related.map((x) => {
    const span = spanAt(x.resource, x.at);
    return {
      uri: x.resource.file.uri,
      range: x.resource.file.lines.range(span[0], span[1]),
      message: x.message,
    };
  });
}

export function toDiagnostic(r: RawReport): EngineDiagnostic {
  const msg = MESSAGES[r.code];
  const d: EngineDiagnostic = {
    range: rangeAt(r),
    severity: r.informational
      ? Severity.Information
      : msg
        ? (SEVERITY_OF_LEVEL[msg.level] ?? Severity.Warning)
        : Severity.Warning,
    code: r.code,
    message:
      (msg ? goFormat(msg.template, r.args) : `${r.code}: ${r.args.map(String).join(', ')}`) +
      (r.informational ? ` (${r.informational})` : '') +
      (r.hint ? ` (${r.hint.text})` : '') +
      overlayNote(r.resource),
    source: SOURCE,
    resource: { kind: r.resource.kind, namespace: r.resource.namespace, name: r.resource.name },
  };
  if (msg) d.codeDescription = { href: istDocsUrl(r.code) };
  if (r.hint?.related) d.relatedInformation = relatedInformation(r.hint.related);
  if (r.informational) d.data = { [REASSESSED]: true };
  return d;
}

/**
 * Data flag of an analyzer finding reported as information with a reason: the workspace shows that
 * istioctl's level is wrong here, so it replaces a per-file rule's finding of the same code and line.
 */
export const REASSESSED = 'reassessed';

/** A finding in a kustomize base names the overlay whose rendering it appears in. */
function overlayNote(r: WorkspaceResource): string {
  if (!r.overlay) return '';
  const file = r.file.uri.split('/');
  const root = r.overlay.split('/');
  let i = 0;
  while (i < file.length - 1 && i < root.length && file[i] === root[i]) i++;
  return ` (in overlay ${root.slice(i).join('/') || root[root.length - 1]})`;
}

/** The span of the node at `at`, else of its nearest existing ancestor; the resource itself stands for metadata.name. */
export function spanAt(res: WorkspaceResource, at: readonly PathSegment[]): [number, number] {
  for (let n = at.length; n > 0; n--) {
    const s = nodeSpan(res.node(at.slice(0, n)));
    if (s) return s;
  }
  return nodeSpan(res.node(['metadata', 'name'])) ?? nodeSpan(res.node([])) ?? [res.doc.start, res.doc.start];
}

function internalError(ws: Workspace, a: Analyzer, e: unknown): LocatedDiagnostic | null {
  const first = ws.all[0];
  const file = first?.file ?? ws.files[0];
  if (!file) return null;
  const at = first ? spanAt(first, []) : [0, 0];
  return {
    uri: file.uri,
    diagnostic: {
      range: file.lines.range(at[0], at[0]),
      severity: Severity.Error,
      code: 'internal-error',
      message: `Istio Lens analyzer ${a.meta.name} failed: ${e instanceof Error ? e.message : String(e)}`,
      source: SOURCE,
      resource: null,
    },
  };
}
