// A minimal LSP client over stdio for tests: spawns dist/server.js and speaks JSON-RPC to it.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { ClientCapabilities, Diagnostic, InitializeResult } from 'vscode-languageserver';
import { repoRoot } from './paths';

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

/** A diagnostic's message as text (LSP allows MarkupContent; ours are plain strings). */
export const messageText = (d: Diagnostic): string =>
  typeof d.message === 'string' ? d.message : d.message.value;

export class TestLspClient {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  readonly published = new Map<string, PublishedDiagnostics>();
  private waiters: (() => void)[] = [];
  stderr = '';
  /** Resolves with {files, ms} when the server has indexed the workspace folders. */
  readonly indexed: Promise<{ files: number; ms: number }>;

  constructor(settings: Record<string, unknown> = {}) {
    const server = path.join(repoRoot, 'dist', 'server.js');
    if (!fs.existsSync(server)) throw new Error('dist/server.js is missing: run `npm run build` first');
    this.proc = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (b) => {
      this.stderr += b;
    });
    this.conn = createMessageConnection(
      new StreamMessageReader(this.proc.stdout!),
      new StreamMessageWriter(this.proc.stdin!),
    );
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishedDiagnostics) => {
      this.published.set(p.uri, p);
      const w = this.waiters;
      this.waiters = [];
      w.forEach((f) => f());
    });
    this.conn.onRequest('workspace/configuration', () => [settings]);
    this.conn.onNotification('window/logMessage', () => {});
    this.indexed = new Promise((res) => this.conn.onNotification('istioLens/indexed', res));
    this.conn.listen();
  }

  /** `capabilities`: what the client claims beyond pulling configuration (file watching, progress). */
  async initialize(
    rootUri: string | null = null,
    capabilities: ClientCapabilities = {},
  ): Promise<InitializeResult> {
    const r = await this.conn.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri,
      capabilities: { ...capabilities, workspace: { ...capabilities.workspace, configuration: true } },
      workspaceFolders: null,
    });
    await this.conn.sendNotification('initialized', {});
    return r;
  }

  open(uri: string, text: string, version = 1): void {
    void this.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version, text },
    });
  }

  change(uri: string, version: number, changes: unknown[]): void {
    void this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  /** Sends a request; `T` is the caller's claim about the result shape (the wire is untyped). */
  request<T = unknown>(method: string, params: unknown): Promise<T> {
    return this.conn.sendRequest<T>(method, params);
  }

  /** Waits until diagnostics for `uri` (and version, if given) have been published. */
  async diagnostics(uri: string, version?: number, timeoutMs = 10_000): Promise<Diagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const p = this.published.get(uri);
      if (p && (version === undefined || p.version === version)) return p.diagnostics;
      if (Date.now() > deadline)
        throw new Error(`no diagnostics for ${uri} v${version}; stderr: ${this.stderr}`);
      await new Promise<void>((res) => {
        this.waiters.push(res);
        setTimeout(res, 200);
      });
    }
  }

  async shutdown(): Promise<void> {
    await this.conn.sendRequest('shutdown').catch(() => {});
    await this.conn.sendNotification('exit').catch(() => {});
    this.conn.dispose();
    this.proc.kill();
  }
}
