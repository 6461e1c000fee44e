// Hostile inputs through the engine: bounded time, ranges inside, the expected diagnostics.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertTerminated } from '../helpers/hangGuard';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { checkWorkspace } from '../../server/src/engine/checkWorkspace';
import { quickFixes } from '../../server/src/engine/services/quickFixes';
import { documentSymbols } from '../../server/src/engine/services/symbols';
import { testEnv } from '../helpers/env';
import { HOSTILE, assertExpected } from './hostile';
import { rangeProblems } from './invariants';

describe('hostile inputs through the engine', () => {
  const env = testEnv();
  for (const c of HOSTILE) {
    it(c.name, () => {
      const text = c.text();
      const t0 = performance.now();
      const file = parseFile('file:///hostile.yaml', text, 1);
      const diags = checkFile(file, env);
      quickFixes(file, diags);
      documentSymbols(file);
      const ws = checkWorkspace([file], env).get(file.uri)!;
      const ms = performance.now() - t0;
      console.log(`${c.name}: ${ms.toFixed(0)} ms, ${diags.length} diagnostics`);
      assertTerminated(ms, c.name);
      assert.deepEqual(rangeProblems(text, diags, file.uri), []);
      assert.deepEqual(rangeProblems(text, ws, file.uri), []);
      assert.equal(
        diags.filter((d) => d.code === 'internal-error').length,
        0,
        JSON.stringify(diags.filter((d) => d.code === 'internal-error')),
      );
      assertExpected(c, diags);
    });
  }
});
