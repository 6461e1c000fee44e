// Re-validates changed documents and publishes diagnostics for that exact version. Work is queued
// and drained on the next tick, so a burst of edits to one document validates only its latest version.
import type { Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { checkFile } from '../engine/check';
import type { EngineEnv } from '../engine/model/env';
import type { DocumentStore } from './documentStore';
import { toLspDiagnostic } from './convert';

export class DiagnosticsPublisher {
  private readonly pending = new Map<string, TextDocument>();
  private scheduled = false;

  constructor(
    private readonly connection: Connection,
    private readonly store: DocumentStore,
    private readonly env: () => EngineEnv,
    private readonly enabled: (uri: string) => boolean,
  ) {}

  schedule(doc: TextDocument): void {
    this.pending.set(doc.uri, doc);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.drain());
  }

  clear(uri: string): void {
    this.pending.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private drain(): void {
    this.scheduled = false;
    const docs = [...this.pending.values()];
    this.pending.clear();
    for (const doc of docs) this.publish(doc);
  }

  private publish(doc: TextDocument): void {
    if (!this.enabled(doc.uri)) { void this.connection.sendDiagnostics({ uri: doc.uri, diagnostics: [] }); return; }
    const file = this.store.get(doc);
    let diagnostics;
    try {
      diagnostics = checkFile(file, this.env()).map((d) => toLspDiagnostic(doc.uri, d));
    } catch (e) {
      this.connection.console.error(`validation of ${doc.uri} failed: ${(e as Error).stack ?? e}`);
      diagnostics = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 1 as const,
        code: 'internal-error', source: 'istio-lens', message: `Istio Lens failed to check this file: ${(e as Error).message}` }];
    }
    void this.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
  }
}
