// The server over stdio survives a stream of mutated documents and random incremental edits: the
// diagnostics of each document's last version lie inside that version's text (mirrored here with
// the same TextDocument implementation), and the server still answers afterwards.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentSymbol } from 'vscode-languageserver';
import { corpus } from './corpus';
import { rangeProblems } from './invariants';
import { applyMutations, FUZZ_SEED, fuzzRuns, mutationsArb } from './mutate';
import { stillAnswers, suiteServer } from './spawnServer';

const editArb = fc.record({
  a: fc.nat({ max: 1_000_000 }),
  b: fc.nat({ max: 200 }),
  text: fc.oneof(
    fc.constantFrom(
      '',
      '\n',
      '  ',
      '- ',
      ': ',
      '[',
      '}',
      '"',
      '&x ',
      '*x',
      '\r\n',
      '\t',
      '---\n',
      'apiVersion: v1\nkind: Service\n',
    ),
    fc.string({ maxLength: 12 }),
    fc.uint8Array({ maxLength: 8 }).map((b) => Buffer.from(b).toString('latin1')),
  ),
});

const caseArb = fc.record({
  source: fc.nat(),
  mutations: mutationsArb,
  edits: fc.array(editArb, { minLength: 0, maxLength: 12 }),
});

describe('server fuzz (mutated documents and incremental edits over stdio)', () => {
  const server = suiteServer();

  it('publishes in-range diagnostics for the last version of every document and keeps answering', async () => {
    const sources = corpus();
    const cases = fc.sample(caseArb, { seed: FUZZ_SEED, numRuns: fuzzRuns(40) });
    const finals: { uri: string; version: number; text: string }[] = [];
    cases.forEach((c, i) => {
      const src = sources[c.source % sources.length];
      const uri = `file:///fuzz/${i}/${src.name.replace(/[^\w.-]/g, '_')}`;
      let doc = TextDocument.create(uri, 'yaml', 1, applyMutations(src.text, c.mutations));
      server.client.open(uri, doc.getText(), 1);
      c.edits.forEach((e) => {
        const len = doc.getText().length;
        const start = len ? e.a % (len + 1) : 0;
        const end = Math.min(len, start + e.b);
        const change = { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: e.text };
        doc = TextDocument.update(doc, [change], doc.version + 1);
        server.client.change(uri, doc.version, [change]);
      });
      finals.push({ uri, version: doc.version, text: doc.getText() });
    });
    for (const f of finals) {
      const diags = await server.client.diagnostics(f.uri, f.version, 20_000);
      assert.deepEqual(rangeProblems(f.text, diags, f.uri), [], `${f.uri} v${f.version}`);
    }
    // The server's own view of the text matches ours: symbols land inside our mirror.
    for (const f of finals.slice(0, 10)) {
      const syms = await server.client.request<DocumentSymbol[]>('textDocument/documentSymbol', {
        textDocument: { uri: f.uri },
      });
      assert.deepEqual(
        rangeProblems(
          f.text,
          syms.map((s) => ({ code: 'symbol', range: s.range })),
        ),
        [],
      );
    }
    await stillAnswers(server.client);
    assert.equal(server.client.proc.exitCode, null);
  });
});
