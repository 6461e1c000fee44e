// Faults: a crashing rule costs one internal-error diagnostic, cancelled requests are answered as
// cancelled, and in --stdio mode stdout carries nothing but LSP frames, whatever logs what.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile, runRules } from '../../server/src/engine/check';
import { ALL_RULES } from '../../server/src/engine/rules';
import { Severity } from '../../server/src/engine/model/diagnostic';
import type { Rule } from '../../server/src/engine/model/rule';
import { testEnv } from '../helpers/env';
import type { TestLspClient } from '../helpers/lspClient';
import { readText, repoRoot, seedFixture } from '../helpers/paths';
import { serverWith, stillAnswers } from './spawnServer';
import { corpus } from './corpus';

function throwingRule(
  id: string,
  appliesTo: 'yaml' | 'resource',
  thrower: () => never,
  reportFirst = false,
): Rule {
  return {
    meta: { id, description: 'throws', severity: Severity.Warning, fixable: false, appliesTo },
    check(ctx) {
      if (reportFirst)
        ctx.report({ span: [ctx.doc.start, ctx.doc.start], message: 'reported before throwing' });
      thrower();
    },
  };
}

const recurse = (n: number): number => recurse(n + 1) + 1;
const THROWERS: { name: string; rule: Rule; message: RegExp }[] = [
  {
    name: 'an Error',
    rule: throwingRule('throws-error', 'yaml', () => {
      throw new Error('boom');
    }),
    message: /throws-error.*boom/,
  },
  {
    name: 'a string',
    rule: throwingRule('throws-string', 'yaml', () => {
      throw 'not an Error'; // eslint-disable-line @typescript-eslint/only-throw-error -- the test: a rule that throws a non-Error
    }),
    message: /throws-string.*not an Error/,
  },
  {
    name: 'a stack overflow',
    rule: throwingRule('overflows', 'yaml', () => {
      recurse(0);
      throw new Error('unreachable');
    }),
    message: /overflows.*call stack/,
  },
  {
    name: 'a TypeError on resources only',
    rule: throwingRule('type-error', 'resource', () => {
      void (null as unknown as { x: number }).x;
      throw new Error('unreachable');
    }),
    message: /type-error/,
  },
  {
    name: 'an Error after reporting',
    rule: throwingRule(
      'reports-then-throws',
      'yaml',
      () => {
        throw new Error('late');
      },
      true,
    ),
    message: /reports-then-throws.*late/,
  },
];

describe('a rule that throws', () => {
  const env = testEnv();
  const text =
    readText(seedFixture) + '\n---\n' + corpus().find((s) => s.name.endsWith('httpbin.yaml'))!.text;
  const file = parseFile('file:///faults.yaml', text, 1);
  const baseline = checkFile(file, env);
  const key = (d: { code: string; message: string; range: unknown }): string =>
    `${d.code} ${JSON.stringify(d.range)} ${d.message}`;

  for (const t of THROWERS) {
    it(`costs one internal-error per document when it throws ${t.name}; the other rules still run`, () => {
      const rules = [ALL_RULES[0], t.rule, ...ALL_RULES.slice(1)];
      const diags = checkFile(file, env, rules);
      const internal = diags.filter((d) => d.code === 'internal-error');
      const docs = file.docs.filter((d) => !d.templated && (t.rule.meta.appliesTo === 'yaml' || d.resource));
      assert.equal(internal.length, docs.length, 'one per document the rule ran on');
      for (const d of internal) {
        assert.match(d.message, t.message);
        assert.equal(d.severity, Severity.Error);
      }
      const others = diags.filter((d) => d.code !== 'internal-error' && d.code !== t.rule.meta.id);
      assert.deepEqual(
        others.map(key).sort(),
        baseline.map(key).sort(),
        'every other rule reported exactly what it reports alone',
      );
    });
  }

  it('runRules isolates each rule on one document', () => {
    const doc = file.docs[0];
    const diags = runRules(file, doc, env, [THROWERS[0].rule, ...ALL_RULES, THROWERS[1].rule]);
    assert.equal(diags.filter((d) => d.code === 'internal-error').length, 2);
    const alone = runRules(file, doc, env, ALL_RULES);
    assert.deepEqual(diags.filter((d) => d.code !== 'internal-error').map(key), alone.map(key));
  });
});

describe('cancellation and stdout hygiene of the server', () => {
  let client: TestLspClient;
  let stdout = Buffer.alloc(0);
  const logs: string[] = [];
  before(async () => {
    client = serverWith({
      preload: [path.join(repoRoot, 'test', 'robustness', 'stray-console.cjs')],
      env: { STRAY_CONSOLE_DELAY_MS: '200' },
    });
    client.proc.stdout!.on('data', (b: Buffer) => {
      stdout = Buffer.concat([stdout, b]);
    });
    client.conn.onNotification('window/logMessage', (p: { message: string }) => {
      logs.push(p.message);
    });
    await client.initialize();
  });
  after(() => client.shutdown());

  it('answers a request cancelled while it was busy with RequestCancelled, then keeps answering', async () => {
    // A large document keeps the server busy validating; the request and its cancellation queue up behind it.
    const big = corpus()
      .map((s) => s.text)
      .join('\n---\n')
      .repeat(2);
    const uri = 'file:///cancel/big.yaml';
    client.open(uri, big, 1);
    await new Promise((r) => setTimeout(r, 150)); // the server has the document and is validating it
    const { CancellationTokenSource } = await import('vscode-jsonrpc/node');
    const source = new CancellationTokenSource();
    const pending = client.conn.sendRequest(
      'textDocument/documentSymbol',
      { textDocument: { uri } },
      source.token,
    );
    source.cancel();
    await assert.rejects(pending, (e: { code?: number }) => e.code === -32800, 'RequestCancelled');
    await client.diagnostics(uri, 1, 30_000);
    const syms = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(syms.length > 100, 'the same request, not cancelled, is answered in full');
    await stillAnswers(client);
  });

  it('writes only LSP frames to stdout, while every console method is called', async () => {
    const uri = 'file:///stdout/seed.yaml';
    client.open(uri, readText(seedFixture), 1);
    await client.diagnostics(uri, 1);
    await client.request('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
    await client.conn.sendRequest('istioLens/noSuchMethod', {}).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 400)); // the preload's stray logging has run
    // A large frame (the previous test's document re-analysed) may be mid-write: read at a frame's end.
    for (let waited = 0; !endsOnFrame(stdout) && waited < 10_000; waited += 50)
      await new Promise((r) => setTimeout(r, 50));
    const frames = parseFrames(stdout);
    assert.ok(frames.length >= 3, `${frames.length} frames`);
    for (const f of frames) assert.equal(f.jsonrpc, '2.0');
    assert.ok(
      logs.some((l) => /stray console\.log/.test(l)),
      'console.log reaches the LSP output channel',
    );
    // What createConnection does not forward (table, group, time...) goes to stderr, not stdout.
    assert.ok(/stray console\.group/.test(client.stderr), 'console.group went to stderr');
    assert.ok(
      frames.some((f) => /stray console\.debug/.test(JSON.stringify(f))),
      'console.debug sent as a log message',
    );
  });
});

/** The stream ends where a frame ends (or is malformed, which parseFrames reports): nothing is mid-write. */
function endsOnFrame(buf: Buffer): boolean {
  let at = 0;
  while (at < buf.length) {
    const headerEnd = buf.indexOf('\r\n\r\n', at);
    if (headerEnd < 0) return false;
    const m = /Content-Length: (\d+)/.exec(buf.subarray(at, headerEnd).toString('ascii'));
    if (!m) return true;
    at = headerEnd + 4 + Number(m[1]);
  }
  return at === buf.length;
}

/** Splits a byte stream into LSP frames; throws on anything that is not a well-formed frame. */
function parseFrames(buf: Buffer): { jsonrpc: string }[] {
  const out: { jsonrpc: string }[] = [];
  let at = 0;
  while (at < buf.length) {
    const headerEnd = buf.indexOf('\r\n\r\n', at);
    assert.ok(
      headerEnd > at,
      `no header at byte ${at}: ${JSON.stringify(buf.subarray(at, at + 80).toString())}`,
    );
    const headers = buf.subarray(at, headerEnd).toString('ascii').split('\r\n');
    for (const h of headers)
      assert.match(
        h,
        /^(Content-Length: \d+|Content-Type: application\/vscode-jsonrpc; charset=utf-8)$/,
        `bad header ${JSON.stringify(h)}`,
      );
    const len = Number(headers.find((h) => h.startsWith('Content-Length'))!.split(': ')[1]);
    const body = buf.subarray(headerEnd + 4, headerEnd + 4 + len);
    assert.equal(body.length, len, 'truncated frame');
    out.push(JSON.parse(body.toString('utf8')) as { jsonrpc: string });
    at = headerEnd + 4 + len;
  }
  return out;
}
