// Publishes diagnostics: per-file rules plus Istio's cross-file analyzers. Changes are queued and
// drained on the next tick, so a burst of edits validates only the latest version. Per-file results
// are cached per parse; the analyzers re-run once per drain and only files whose findings changed
// (plus the edited ones) are re-published.
import type { Connection, Diagnostic } from 'vscode-languageserver';
import { checkFile } from '../engine/check';
import { analyzeWorkspace, type AnalyzeOptions } from '../engine/analysis';
import type { EngineDiagnostic } from '../engine/model/diagnostic';
import type { EngineEnv } from '../engine/model/env';
import type { ParsedFile } from '../engine/parse/parseFile';
import { mergeFindings } from '../engine/checkWorkspace';
import { toLspDiagnostic } from './convert';
import type { WorkspaceIndex } from './workspaceIndex';

export interface PublisherDeps {
  connection: Connection;
  index: WorkspaceIndex;
  env(): EngineEnv;
  analyzeOptions(): AnalyzeOptions;
  enabled(uri: string): boolean;
  /** The open document's parse and version, if the file is open. */
  openFile(uri: string): { file: ParsedFile; version: number } | undefined;
}

export class DiagnosticsPublisher {
  private readonly pending = new Set<string>();
  private scheduled = false;
  private analysis = new Map<string, EngineDiagnostic[]>();
  private analysisKeys = new Map<string, string>();
  private perFile = new WeakMap<ParsedFile, EngineDiagnostic[]>();
  /** Cross-file findings wait for the first full index: a half-read workspace only yields false IST0101s. */
  private analysisReady = false;

  constructor(private readonly deps: PublisherDeps) {}

  /** The workspace is fully indexed: analyzers may run, every indexed file gets published. */
  startAnalysis(): void {
    this.analysisReady = true;
    for (const f of this.deps.index.files()) this.schedule(f.uri);
  }

  schedule(uri: string): void {
    this.pending.add(uri);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.drain());
  }

  /** Settings changed: every cached result is stale. */
  invalidate(): void {
    this.perFile = new WeakMap();
    for (const f of this.deps.index.files()) this.schedule(f.uri);
  }

  /** Current diagnostics of a file, as published (for code actions and tests). */
  current(uri: string): EngineDiagnostic[] {
    const file = this.deps.openFile(uri)?.file ?? this.deps.index.get(uri);
    return file ? this.combine(file) : [];
  }

  private drain(): void {
    this.scheduled = false;
    const uris = new Set(this.pending);
    this.pending.clear();
    for (const uri of this.runAnalysis()) uris.add(uri);
    for (const uri of uris) this.publish(uri);
  }

  /** Runs the analyzers over the workspace; returns the URIs whose analyzer findings changed. */
  private runAnalysis(): string[] {
    if (!this.analysisReady) return [];
    let next: Map<string, EngineDiagnostic[]>;
    try {
      next = analyzeWorkspace(this.deps.index.files(), this.deps.analyzeOptions());
    } catch (e) {
      this.deps.connection.console.error(`workspace analysis failed: ${(e as Error).stack ?? e}`);
      return [];
    }
    const changed: string[] = [];
    const keys = new Map<string, string>();
    for (const [uri, diags] of next) {
      const k = JSON.stringify(diags);
      keys.set(uri, k);
      if (this.analysisKeys.get(uri) !== k) changed.push(uri);
    }
    for (const uri of this.analysisKeys.keys()) if (!keys.has(uri)) changed.push(uri);
    this.analysis = next;
    this.analysisKeys = keys;
    return changed;
  }

  private combine(file: ParsedFile): EngineDiagnostic[] {
    let own = this.perFile.get(file);
    if (!own) {
      own = checkFile(file, this.deps.env());
      this.perFile.set(file, own);
    }
    return mergeFindings(own, this.analysis.get(file.uri) ?? []);
  }

  private publish(uri: string): void {
    const { connection } = this.deps;
    const open = this.deps.openFile(uri);
    const file = open?.file ?? this.deps.index.get(uri);
    let diagnostics: Diagnostic[] = [];
    if (file && this.deps.enabled(uri)) {
      try {
        diagnostics = this.combine(file).map((d) => toLspDiagnostic(uri, d));
      } catch (e) {
        connection.console.error(`checking ${uri} failed: ${(e as Error).stack ?? e}`);
        diagnostics = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 1,
          code: 'internal-error', source: 'istio-lens', message: `Istio Lens failed to check this file: ${(e as Error).message}` }];
      }
    }
    void connection.sendDiagnostics({ uri, version: open?.version, diagnostics });
  }
}
