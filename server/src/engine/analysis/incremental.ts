// Re-runs only the analyzers that depend on what changed. Each analyzer's reads are recorded by its
// context (kinds, 'Pod' for pods and workload templates, 'Namespace', the namespaces decided resources
// use, '*' for everything); when files change, an analyzer re-runs only if it read a kind those files
// had before or have now (any change, for the last two). The others keep their findings, which cannot
// lie in a changed file: they would have had to read its kinds.
import type { EngineDiagnostic } from '../model/diagnostic';
import type { ParsedDoc, ParsedFile } from '../parse/parseFile';
import {
  analyzedFiles,
  analyzerContexts,
  onePerRange,
  relocated,
  reportFilter,
  runAnalyzerPlaced,
  selectedAnalyzers,
  workspaceConflicts,
  workspaceOptions,
  type AnalyzeOptions,
  type LocatedDiagnostic,
} from './runAnalyzers';
import { isMap, isSeq } from 'yaml';
import { getIn, mapGetValue, scalarString } from '../parse/nodes';
import { buildWorkspace } from './workspace';
import { addReadTokens } from './workloadPods';
import { isChartFile } from './charts';
import { CHART_TOKEN, DECIDED_NAMESPACES_TOKEN } from './context';
import { isKustomizationUri } from '../kustomize/kustomization';
import { alternativeNotes } from './alternatives';
import { renderedResources } from './rendered';
import { isGitOpsKind } from './gitops';
import { CANARY_OUTPUT_KINDS } from './flagger';
import { GATEWAY_CONTROLLER_INPUT_KINDS, GATEWAY_CONTROLLER_OUTPUT_KINDS } from './gatewayController';

/** A changed kustomization re-renders whatever it lists (namespaces, names, labels): every analyzer re-runs. */
const EVERYTHING = '*';

export interface IncrementalResult {
  byUri: Map<string, EngineDiagnostic[]>;
  /** How many analyzers ran (the rest reused their findings). */
  rerun: number;
}

export class IncrementalAnalysis {
  private readonly findings = new Map<string, { reads: ReadonlySet<string>; found: LocatedDiagnostic[] }>();
  private readonly lastFiles = new Map<string, ParsedFile>();
  /** The files renderings with replacements read, at the last run (RenderResult.replacementInputs). */
  private lastReplacementInputs: ReadonlySet<string> = new Set();
  /** The trial placements of the last run: when they change, every analyzer's findings may. */
  private lastPlacements = '';

  constructor(private readonly opts: AnalyzeOptions) {}

  run(files: readonly ParsedFile[]): IncrementalResult {
    const all = analyzedFiles(files, this.opts);
    const moved = new Set<string>();
    const changedUris = new Set<string>();
    const changed = this.changedTokens(all, moved, changedUris);
    // A replacement copies a value of one file into another's resource: an edit of its inputs is everyone's.
    const inputs = renderedResources(all).kustomize?.replacementInputs ?? new Set<string>();
    if ([...changedUris].some((u) => inputs.has(u) || this.lastReplacementInputs.has(u)))
      changed.add(EVERYTHING);
    this.lastReplacementInputs = inputs;
    const ws = buildWorkspace(all, workspaceOptions(this.opts));
    const ctxs = analyzerContexts(ws, this.opts);
    // Which namespaces are tried, and which definition of each object wins, change every analyzer's view.
    const shadowed = [...ws.shadowedBy.keys()].map((r) => `${r.file.uri}#${r.kind}/${r.ns}/${r.name}`);
    // The mesh config an IstioOperator or ConfigMap of the workspace sets (or none) is every analyzer's input too.
    const placements = [
      ...ctxs.map((set) => [set.first.workspace.placement, ...set.trials].join(',')),
      ...shadowed,
      this.opts.meshConfig
        ? ''
        : `${ctxs[0]?.first.meshConfigKnown}${JSON.stringify(ctxs[0]?.first.meshConfig ?? null)}`,
    ].join('\u0000');
    if (placements !== this.lastPlacements || changed.has(EVERYTHING)) this.findings.clear();
    this.lastPlacements = placements;
    const filter = reportFilter(this.opts);
    let rerun = 0;
    for (const a of selectedAnalyzers(this.opts)) {
      const prev = this.findings.get(a.meta.name);
      if (
        prev &&
        (changed.size === 0 ||
          (!prev.reads.has('*') &&
            !prev.reads.has(DECIDED_NAMESPACES_TOKEN) &&
            ![...prev.reads].some((k) => changed.has(k))))
      ) {
        // Kept findings on documents that moved within an edited file move with them (and their hints).
        const movedWith = (d: LocatedDiagnostic) =>
          moved.has(d.uri) || !!d.report?.hint?.related?.some((x) => moved.has(x.resource.file.uri));
        if (prev.found.some(movedWith)) prev.found = prev.found.map((d) => (movedWith(d) ? relocated(d) : d));
        continue;
      }
      const found = runAnalyzerPlaced(ctxs, a, filter);
      const reads = new Set(
        ctxs.flatMap((s) => s.built()).flatMap((c) => [...(c.reads.get(a.meta.name) ?? [])]),
      );
      this.findings.set(a.meta.name, { reads, found });
      rerun++;
    }
    const byUri = new Map<string, EngineDiagnostic[]>();
    for (const f of files) byUri.set(f.uri, []);
    for (const d of onePerRange([...this.findings.values()].flatMap(({ found }) => found)))
      byUri.get(d.uri)?.push(d.diagnostic);
    if (this.opts.alternativeNotes)
      for (const d of alternativeNotes(ws, filter)) byUri.get(d.uri)?.push(d.diagnostic);
    for (const d of onePerRange(workspaceConflicts(ctxs, filter))) byUri.get(d.uri)?.push(d.diagnostic);
    return { byUri, rerun };
  }

  /**
   * The kinds of every document that is new, gone or re-parsed since the last run (before and after):
   * the incremental parser keeps the AST of a document whose text did not change. `moved` gets the
   * files re-parsed in part (their kept documents may have moved), `changedUris` every file new, gone or changed.
   */
  private changedTokens(
    files: readonly ParsedFile[],
    moved: Set<string>,
    changedUris: Set<string>,
  ): Set<string> {
    const tokens = new Set<string>();
    const now = new Map(files.map((f) => [f.uri, f]));
    for (const [uri, f] of now) {
      const old = this.lastFiles.get(uri);
      if (old === f) continue;
      changedUris.add(uri);
      if (!old || isKustomizationUri(uri) || isChartFile(uri)) {
        addTokens(tokens, f);
        if (old) addTokens(tokens, old);
        continue;
      }
      moved.add(uri);
      const before = new Set(old.docs.map((d) => d.ast));
      const after = new Set(f.docs.map((d) => d.ast));
      addTokens(tokens, f, (d) => !before.has(d.ast));
      addTokens(tokens, old, (d) => !after.has(d.ast));
    }
    for (const [uri, old] of this.lastFiles)
      if (!now.has(uri)) {
        changedUris.add(uri);
        addTokens(tokens, old);
      }
    // What Flagger creates for a Canary reads its target workload (selector label, container ports).
    if (CANARY_TARGET_KINDS.some((k) => tokens.has(k)) && [...now.values()].some(hasCanary))
      for (const k of CANARY_OUTPUT_KINDS) addReadTokens(tokens, k);
    this.lastFiles.clear();
    for (const [uri, f] of now) this.lastFiles.set(uri, f);
    return tokens;
  }
}

const CANARY_TARGET_KINDS = ['Deployment', 'DaemonSet'];
const hasCanary = (f: ParsedFile): boolean => f.docs.some((d) => d.resource?.kind === 'Canary');

/** The kinds a file's documents (those `which` selects) hold, List items included, read from the parse alone. */
function addTokens(out: Set<string>, file: ParsedFile, which: (d: ParsedDoc) => boolean = () => true): void {
  const add = (kind: string) => addReadTokens(out, kind);
  const docs = file.docs.filter(which);
  if (isKustomizationUri(file.uri)) out.add(EVERYTHING);
  if (isChartFile(file.uri) || docs.some((d) => d.templated)) out.add(CHART_TOKEN);
  for (const doc of docs) {
    if (doc.templated || !doc.resource) continue;
    // A GitOps object decides where manifests are applied (gitops.ts), as a kustomization does.
    if (isGitOpsKind(doc.resource.kind)) out.add(EVERYTHING);
    // A Canary's change changes what Flagger creates for it (flagger.ts).
    if (doc.resource.kind === 'Canary') for (const k of CANARY_OUTPUT_KINDS) add(k);
    // A Gateway's change changes the Service Istio's gateway controller creates for it (gatewayController.ts).
    if (GATEWAY_CONTROLLER_INPUT_KINDS.includes(doc.resource.kind))
      for (const k of GATEWAY_CONTROLLER_OUTPUT_KINDS) add(k);
    add(doc.resource.kind);
    const items = getIn(doc.resource.root, ['items'], doc.ast);
    if (!isSeq(items)) continue;
    for (const item of items.items) {
      const kind = isMap(item) ? scalarString(mapGetValue(item, 'kind', doc.ast)) : undefined;
      if (kind) add(kind);
    }
  }
}
