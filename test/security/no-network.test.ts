// The server and the CLI never reach the network nor run a program, and read files only from the
// bundle and the workspace. They run with trap.cjs preloaded, which records (and blocks) every
// outbound connection, DNS lookup, fetch and child process; a control case proves the trap catches them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { istioData, readText, repoRoot, seedFixture } from '../helpers/paths';
import type { TestLspClient } from '../helpers/lspClient';
import { serverWith } from '../robustness/spawnServer';
import { attempts, newTrapLog, readTrapLog, readsOutside, TRAP } from './trapLog';

const CONTROLS: { name: string; code: string; kind: string }[] = [
  {
    name: 'net.connect',
    kind: 'net',
    code: `require('net').connect(PORT, '127.0.0.1').on('error', () => {})`,
  },
  {
    name: 'new net.Socket().connect',
    kind: 'net',
    code: `new (require('net').Socket)().on('error', () => {}).connect(PORT, '127.0.0.1')`,
  },
  { name: 'http.get', kind: 'net', code: `try { require('http').get('http://127.0.0.1:PORT/') } catch {}` },
  {
    name: 'https.request',
    kind: 'net',
    code: `try { require('https').request('https://127.0.0.1:PORT/').end() } catch {}`,
  },
  { name: 'tls.connect', kind: 'net', code: `try { require('tls').connect(PORT, '127.0.0.1') } catch {}` },
  { name: 'fetch', kind: 'net', code: `try { fetch('http://127.0.0.1:PORT/').catch(() => {}) } catch {}` },
  {
    name: 'dns.lookup',
    kind: 'dns',
    code: `try { require('dns').lookup('example.com', () => {}) } catch {}`,
  },
  {
    name: 'dns.promises.resolve4',
    kind: 'dns',
    code: `try { require('dns').promises.resolve4('example.com').catch(() => {}) } catch {}`,
  },
  {
    name: 'child_process.spawn',
    kind: 'exec',
    code: `try { require('child_process').spawn('true') } catch {}`,
  },
  {
    name: 'child_process.execSync',
    kind: 'exec',
    code: `try { require('child_process').execSync('true') } catch {}`,
  },
];

describe('the network trap (control: it catches what it must)', () => {
  let server: net.Server;
  let port = 0;
  let accepted = 0;
  before(async () => {
    server = net.createServer((s) => {
      accepted++;
      s.destroy();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as net.AddressInfo).port;
  });
  after(() => server.close());

  for (const c of CONTROLS) {
    it(`records and blocks ${c.name}`, () => {
      const log = newTrapLog();
      const r = spawnSync(
        process.execPath,
        [
          '--require',
          TRAP,
          '-e',
          `try { ${c.code.replace(/PORT/g, String(port))} } catch {} setTimeout(() => {}, 100)`,
        ],
        { env: { ...process.env, ISTIO_LENS_TRAP_LOG: log }, encoding: 'utf8', timeout: 20_000 },
      );
      assert.equal(r.status, 0, r.stderr);
      const got = attempts(readTrapLog(log));
      assert.ok(
        got.some((e) => e.kind === c.kind),
        `${c.name} not recorded: ${JSON.stringify(got)}`,
      );
      assert.equal(accepted, 0, 'the connection was blocked, not made');
    });
  }

  it('records file reads', () => {
    const log = newTrapLog();
    spawnSync(
      process.execPath,
      ['--require', TRAP, '-e', `require('fs').readFileSync(${JSON.stringify(seedFixture)})`],
      { env: { ...process.env, ISTIO_LENS_TRAP_LOG: log } },
    );
    assert.deepEqual(readsOutside(readTrapLog(log), [repoRoot]), []);
    assert.deepEqual(
      [...new Set(readsOutside(readTrapLog(log), [path.join(repoRoot, 'schemas')]))],
      [seedFixture],
    );
  });
});

/** A workspace of real manifests, with a sibling folder outside it that nothing may read. */
function makeWorkspace(): { root: string; ws: string; outside: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'istio-lens-sec-'));
  const ws = path.join(root, 'ws'),
    outside = path.join(root, 'outside');
  fs.mkdirSync(path.join(ws, 'samples'), { recursive: true });
  fs.mkdirSync(outside);
  fs.cpSync(path.join(istioData, 'samples'), path.join(ws, 'samples'), { recursive: true });
  fs.cpSync(path.join(istioData, 'analysis', 'testdata'), path.join(ws, 'analysis'), { recursive: true });
  fs.copyFileSync(seedFixture, path.join(ws, 'seed.yaml'));
  fs.writeFileSync(
    path.join(outside, 'secret.yaml'),
    'apiVersion: v1\nkind: Secret\nmetadata:\n  name: outside\n',
  );
  fs.writeFileSync(
    path.join(outside, 'mesh.yaml'),
    'defaultConfig:\n  holdApplicationUntilProxyStarts: true\n',
  );
  fs.symlinkSync(path.join(outside, 'secret.yaml'), path.join(ws, 'link-to-outside.yaml'));
  fs.symlinkSync(outside, path.join(ws, 'linked-dir'));
  return { root, ws, outside };
}

describe('the language server under the trap', () => {
  let client: TestLspClient;
  const log = newTrapLog();
  const w = makeWorkspace();
  before(async () => {
    client = serverWith({
      preload: [TRAP],
      env: { ISTIO_LENS_TRAP_LOG: log },
      settings: { meshConfig: '../outside/mesh.yaml', exclude: [] },
    });
    await client.initialize(pathToFileURL(w.ws).toString());
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(w.root, { recursive: true, force: true });
  });

  it('runs a realistic session without a network attempt, a program, or a read outside bundle and workspace', async () => {
    const seedUri = pathToFileURL(path.join(w.ws, 'seed.yaml')).toString();
    const vsUri = pathToFileURL(
      path.join(w.ws, 'samples', 'bookinfo', 'networking', 'virtual-service-all-v1.yaml'),
    ).toString();
    client.open(seedUri, readText(seedFixture), 1);
    client.open(vsUri, fs.readFileSync(new URL(vsUri), 'utf8'), 1);
    const diags = await client.diagnostics(seedUri, 1);
    await client.diagnostics(vsUri, 1);
    client.change(vsUri, 2, [
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' },
    ]);
    await client.diagnostics(vsUri, 2);
    await client.request('textDocument/codeAction', {
      textDocument: { uri: seedUri },
      range: diags[0].range,
      context: { diagnostics: diags },
    });
    await client.request('textDocument/documentSymbol', { textDocument: { uri: seedUri } });
    // Settings that point outside the workspace, and watcher events for symlinks that lead out of it.
    await client.conn.sendNotification('workspace/didChangeConfiguration', {
      settings: { istioLens: { meshConfig: '../outside/mesh.yaml' } },
    });
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: pathToFileURL(path.join(w.ws, 'link-to-outside.yaml')).toString(), type: 2 },
        { uri: pathToFileURL(path.join(w.ws, 'linked-dir', 'secret.yaml')).toString(), type: 1 },
      ],
    });
    await new Promise((r) => setTimeout(r, 1500)); // background indexing and re-analysis
    await client.request('textDocument/documentSymbol', { textDocument: { uri: vsUri } });

    const entries = readTrapLog(log);
    assert.deepEqual(attempts(entries), [], 'no network, DNS or program');
    assert.deepEqual(
      readsOutside(entries, [repoRoot, w.ws]).filter((p) => !p.startsWith(w.ws)),
      [],
      'reads only the bundle and the workspace',
    );
    const outsideReads = entries.filter(
      (e) => e.kind === 'read' && fs.existsSync(e.detail) && fs.realpathSync(e.detail).startsWith(w.outside),
    );
    assert.deepEqual(
      outsideReads.map((e) => e.detail),
      [],
      'nothing outside the workspace, not even through symlinks',
    );
    assert.ok(
      entries.some((e) => e.kind === 'read' && e.detail.startsWith(path.join(repoRoot, 'schemas'))),
      'schemas read from the bundle (the recording works)',
    );
  });
});

describe('the CLI under the trap', () => {
  it('checks a folder without a network attempt, a program, or a read outside bundle and inputs', () => {
    const log = newTrapLog();
    const w = makeWorkspace();
    try {
      fs.rmSync(path.join(w.ws, 'link-to-outside.yaml'));
      fs.rmSync(path.join(w.ws, 'linked-dir'));
      const r = spawnSync(
        process.execPath,
        ['--require', TRAP, path.join(repoRoot, 'dist', 'cli.js'), 'check', '--format', 'json', w.ws],
        {
          env: { ...process.env, ISTIO_LENS_TRAP_LOG: log },
          encoding: 'utf8',
          timeout: 120_000,
          maxBuffer: 64 << 20,
        },
      );
      assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr.slice(0, 2000)}`);
      assert.ok((JSON.parse(r.stdout) as unknown[]).length > 0, 'it did check something');
      const entries = readTrapLog(log);
      assert.deepEqual(attempts(entries), []);
      assert.deepEqual(readsOutside(entries, [repoRoot, w.ws]), []);
      assert.ok(
        entries.some((e) => e.kind === 'read' && e.detail.startsWith(w.ws)),
        'the inputs were read (the recording works)',
      );
    } finally {
      fs.rmSync(w.root, { recursive: true, force: true });
    }
  });
});
