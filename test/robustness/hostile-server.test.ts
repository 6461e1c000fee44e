// Hostile inputs through the language server over stdio: each is published for its version in
// bounded time, with ranges inside the document, and the server keeps answering afterwards.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { messageText } from '../helpers/lspClient';
import { HOSTILE, assertExpected } from './hostile';
import { rangeProblems } from './invariants';
import { stillAnswers, suiteServer } from './spawnServer';

/** Generous for a 2-core CI machine, including the JSON-RPC transfer of 2 MB texts. */
const TIME_BOUND_MS = 10_000;

describe('hostile inputs through the language server', () => {
  const server = suiteServer();

  HOSTILE.forEach((c, i) => {
    it(c.name, async () => {
      const uri = `file:///hostile/${i}.yaml`;
      const text = c.text();
      const t0 = performance.now();
      server.client.open(uri, text, 7);
      const diags = await server.client.diagnostics(uri, 7, TIME_BOUND_MS);
      const ms = performance.now() - t0;
      console.log(`${c.name}: ${ms.toFixed(0)} ms, ${diags.length} diagnostics`);
      assert.deepEqual(rangeProblems(text, diags, uri), []);
      assertExpected(
        c,
        diags.map((d) => ({ ...d, message: messageText(d) })),
      );
      // Fixes and symbols on hostile input answer too.
      await server.client.request('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: diags.slice(0, 60) },
      });
      await server.client.request('textDocument/documentSymbol', { textDocument: { uri } });
      void server.client.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    });
  });

  it('still answers after all of them', async () => {
    await stillAnswers(server.client);
    assert.doesNotMatch(server.client.stderr, /Uncaught|FATAL|heap out of memory/);
  });
});
