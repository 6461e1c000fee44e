// A small LSP client for the benchmark: spawns a server over stdio, answers its requests
// (configuration, registrations, progress), and measures edit-to-diagnostics latency.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

export class BenchClient {
  /** @param {{ cmd: string, args: string[], configuration: (section: string) => unknown }} spec */
  constructor(spec) {
    this.proc = spawn(spec.cmd, spec.args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.proc.stderr.on('data', (b) => {
      // The tail is what a probe reads: keep the last 100 kB, not the first.
      this.stderr = (this.stderr + b).slice(-100_000);
    });
    this.conn = createMessageConnection(
      new StreamMessageReader(this.proc.stdout),
      new StreamMessageWriter(this.proc.stdin),
    );
    this.listeners = new Set();
    this.published = new Map();
    this.notifications = new Map();
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => {
      const at = performance.now();
      this.published.set(p.uri, { ...p, at });
      for (const l of [...this.listeners]) l(p, at);
    });
    this.conn.onNotification((method, params) => {
      const at = performance.now();
      this.notifications.set(method, { params, at });
      for (const l of [...this.listeners]) l({ method, params }, at);
    });
    this.conn.onRequest('workspace/configuration', (p) =>
      p.items.map((i) => spec.configuration(i.section ?? '')),
    );
    this.conn.onRequest((method) => (method === 'workspace/configuration' ? [] : null));
    this.conn.listen();
  }

  async initialize(folder = null) {
    const rootUri = folder ? `file://${folder}` : null;
    const r = await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: folder ? [{ uri: rootUri, name: 'bench' }] : null,
      capabilities: {
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: true },
          workspaceFolders: true,
        },
        textDocument: {
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          synchronization: { dynamicRegistration: false },
        },
        window: { workDoneProgress: true },
      },
    });
    await this.conn.sendNotification('initialized', {});
    return r;
  }

  /** Resolves with the time of the first notification matching `pred` (checked on arrival). */
  waitFor(pred, timeoutMs) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(l);
        reject(new Error(`timed out after ${timeoutMs} ms; stderr: ${this.stderr.slice(-500)}`));
      }, timeoutMs);
      const l = (msg, at) => {
        if (pred(msg)) {
          clearTimeout(timer);
          this.listeners.delete(l);
          resolve(at);
        }
      };
      this.listeners.add(l);
    });
  }

  diagnosticsFor(uri, version, timeoutMs) {
    return this.waitFor(
      (p) => p.uri === uri && (version === undefined || p.version === undefined || p.version === version),
      timeoutMs,
    );
  }

  open(uri, text, version = 1) {
    return this.conn.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version, text },
    });
  }

  change(uri, version, changes) {
    return this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  close(uri) {
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  rssMB() {
    const status = fs.readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return kb / 1024;
  }

  async shutdown() {
    await Promise.race([
      this.conn.sendRequest('shutdown').catch(() => {}),
      new Promise((r) => setTimeout(r, 2000)),
    ]);
    await this.conn.sendNotification('exit').catch(() => {});
    this.conn.dispose();
    this.proc.kill();
  }
}

/**
 * Typing latency on one open file: alternately types and deletes one character in a value in the
 * middle of the file, waiting each time for the diagnostics of that version (any debounce included).
 */
export async function typingLatency(client, uri, text, { edits, warmup, timeoutMs }) {
  const lines = text.split('\n');
  let line = Math.floor(lines.length / 2);
  while (line < lines.length - 1 && !/^\s+name: [\w-]+$/.test(lines[line])) line++;
  const col = lines[line].length;
  let version = 1;
  const first = performance.now();
  const opened = client.diagnosticsFor(uri, 1, timeoutMs);
  await client.open(uri, text, version);
  const openMs = (await opened) - first;
  const samples = [];
  for (let i = 0; i < warmup + edits; i++) {
    version++;
    const typing = i % 2 === 0;
    const change = typing
      ? { range: { start: { line, character: col }, end: { line, character: col } }, text: 'x' }
      : { range: { start: { line, character: col }, end: { line, character: col + 1 } }, text: '' };
    const done = client.diagnosticsFor(uri, version, timeoutMs);
    const t0 = performance.now();
    await client.change(uri, version, [change]);
    const at = await done;
    if (i >= warmup) samples.push(at - t0);
  }
  await client.close(uri);
  return { openMs, samples };
}
