// Publishes diagnostics: per-file rules plus Istio's cross-file analyzers. Changes are queued and
// drained on the next tick, so a burst of edits validates only the latest version. Per-file results
// are cached per parse; only the analyzers that read what changed re-run (IncrementalAnalysis), and
// only files whose findings changed (plus the edited ones) are re-published. When the analyzers get
// slow (large workspaces) they leave the keystroke path and run once typing pauses.
import type { Connection, Diagnostic } from 'vscode-languageserver';
import { checkFile } from '../engine/check';
import {
  IncrementalAnalysis,
  kustomizeAdjusted,
  renderedResources,
  type AnalyzeOptions,
} from '../engine/analysis';
import type { EngineDiagnostic } from '../engine/model/diagnostic';
import type { EngineEnv } from '../engine/model/env';
import type { ParsedFile } from '../engine/parse/parseFile';
import { mergeFindings } from '../engine/checkWorkspace';
import { toLspDiagnostic } from './convert';
import type { WorkspaceIndex } from './workspaceIndex';
import { errorText } from '../engine/util/errors';

export interface PublisherDeps {
  connection: Connection;
  index: WorkspaceIndex;
  env(): EngineEnv;
  analyzeOptions(): AnalyzeOptions;
  enabled(uri: string): boolean;
  /** The open document's parse and version, if the file is open. */
  openFile(uri: string): { file: ParsedFile; version: number } | undefined;
}

/** While the analyzers take less than this, they run before the publish (one publication per edit). */
const INLINE_ANALYSIS_MS = 40;
const INLINE_BATCH = 8;
/**
 * Otherwise they run once edits pause for as long as the analysis itself takes (150 ms to 2 s), and
 * their findings follow in a second publication: a slow analysis never sits between two keystrokes.
 */
const ANALYSIS_DELAY_MS = 150;
const MAX_ANALYSIS_DELAY_MS = 2000;

export class DiagnosticsPublisher {
  private readonly pending = new Set<string>();
  private scheduled = false;
  private analysis = new Map<string, EngineDiagnostic[]>();
  private incremental: IncrementalAnalysis | undefined;
  private perFile = new WeakMap<ParsedFile, EngineDiagnostic[]>();
  /** Cross-file findings wait for the first full index: a half-read workspace only yields false IST0101s. */
  private analysisReady = false;
  private lastAnalysisMs = 0;
  private analysisTimer: NodeJS.Timeout | undefined;
  /** Files published since the last analysis (their analyzer findings may have moved). */
  private readonly publishedSinceAnalysis = new Set<string>();
  /** Resolved once the next analysis has run and what it changed is published. */
  private analysed: (() => void)[] = [];

  constructor(private readonly deps: PublisherDeps) {}

  /**
   * The workspace is fully indexed: analyzers may run, every indexed file gets published. Resolves
   * once the first analysis's findings are published (an empty workspace gets its analysis too).
   */
  startAnalysis(): Promise<void> {
    this.analysisReady = true;
    const done = new Promise<void>((resolve) => this.analysed.push(resolve));
    for (const f of this.deps.index.files()) this.schedule(f.uri);
    this.scheduleDrain();
    return done;
  }

  schedule(uri: string): void {
    this.pending.add(uri);
    this.scheduleDrain();
  }

  private scheduleDrain(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.drain());
  }

  /** Settings changed: every cached result is stale. */
  invalidate(): void {
    this.perFile = new WeakMap();
    this.incremental = undefined;
    for (const f of this.deps.index.files()) this.schedule(f.uri);
  }

  private drain(): void {
    this.scheduled = false;
    const uris = new Set(this.pending);
    this.pending.clear();
    // A burst (many files opened or changed at once) gets one analysis after it, not one per batch.
    const inline =
      this.analysisReady && this.lastAnalysisMs <= INLINE_ANALYSIS_MS && uris.size <= INLINE_BATCH;
    if (inline) for (const uri of this.runAnalysis()) uris.add(uri);
    const sent = [...uris].map((uri) => this.publish(uri));
    if (inline) this.settleAnalysed();
    // The pause is counted from the publish once it is written: the analysis holds the thread, and
    // publications still queued behind a full pipe (thousands of files at start-up) would reach the
    // client only after it.
    else if (this.analysisReady) void Promise.allSettled(sent).then(() => this.scheduleAnalysis());
  }

  private settleAnalysed(): void {
    const waiting = this.analysed;
    this.analysed = [];
    for (const resolve of waiting) resolve();
  }

  /** Large workspaces: analyze once typing pauses, then re-publish what the analysis changed. */
  private scheduleAnalysis(): void {
    if (this.analysisTimer) clearTimeout(this.analysisTimer);
    this.analysisTimer = setTimeout(
      () => {
        this.analysisTimer = undefined;
        const uris = new Set([...this.runAnalysis(), ...this.publishedSinceAnalysis]);
        for (const uri of uris) void this.publish(uri);
        this.settleAnalysed();
      },
      Math.min(MAX_ANALYSIS_DELAY_MS, Math.max(ANALYSIS_DELAY_MS, this.lastAnalysisMs)),
    );
  }

  /** Runs the analyzers that depend on what changed; returns the URIs whose analyzer findings changed. */
  private runAnalysis(): string[] {
    const t0 = Date.now();
    let next: Map<string, EngineDiagnostic[]>;
    try {
      this.incremental ??= new IncrementalAnalysis(this.deps.analyzeOptions());
      next = this.incremental.run(this.deps.index.files()).byUri;
    } catch (e) {
      this.deps.connection.console.error(`workspace analysis failed: ${errorText(e)}`);
      this.incremental = undefined;
      return [];
    } finally {
      this.lastAnalysisMs = Date.now() - t0;
    }
    const changed: string[] = [];
    for (const [uri, diags] of next) if (!sameFindings(this.analysis.get(uri), diags)) changed.push(uri);
    for (const uri of this.analysis.keys()) if (!next.has(uri)) changed.push(uri);
    this.analysis = next;
    this.publishedSinceAnalysis.clear();
    return changed;
  }

  private combine(file: ParsedFile): EngineDiagnostic[] {
    let own = this.perFile.get(file);
    if (!own) {
      own = checkFile(file, this.deps.env());
      this.perFile.set(file, own);
    }
    // How kustomize uses the file (a patch, a base) depends on the other files: not cached with it.
    const adjusted = kustomizeAdjusted(
      file,
      own,
      renderedResources(this.deps.index.files()),
      this.deps.env(),
    );
    return mergeFindings(adjusted, this.analysis.get(file.uri) ?? []);
  }

  /** Sends a file's diagnostics; resolves once the message is written to the connection. */
  private publish(uri: string): Promise<void> {
    const { connection } = this.deps;
    const open = this.deps.openFile(uri);
    const file = open?.file ?? this.deps.index.get(uri);
    let diagnostics: Diagnostic[] = [];
    if (file && this.deps.enabled(uri)) {
      try {
        diagnostics = this.combine(file).map((d) => toLspDiagnostic(uri, d));
      } catch (e) {
        connection.console.error(`checking ${uri} failed: ${errorText(e)}`);
        diagnostics = [
          {
            range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
            severity: 1,
            code: 'internal-error',
            source: 'istio-lens',
            message: `Istio Lens failed to check this file: ${(e as Error).message}`,
          },
        ];
      }
    }
    this.publishedSinceAnalysis.add(uri);
    return connection.sendDiagnostics({ uri, version: open?.version, diagnostics });
  }
}

/** Findings of reused analyzers are the same objects; compare contents only where they are not. */
function sameFindings(a: readonly EngineDiagnostic[] | undefined, b: readonly EngineDiagnostic[]): boolean {
  if (!a) return b.length === 0;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++)
    if (a[i] !== b[i] && JSON.stringify(a[i]) !== JSON.stringify(b[i])) return false;
  return true;
}
