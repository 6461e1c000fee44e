// Property: whatever is done to a real manifest, the engine returns (never throws), in bounded time,
// with every diagnostic range inside the document. Fixed seed; FUZZ_RUNS=5000 for a longer local run.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertTerminated } from '../helpers/hangGuard';
import fc from 'fast-check';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { checkWorkspace } from '../../server/src/engine/checkWorkspace';
import { quickFixes } from '../../server/src/engine/services/quickFixes';
import { documentSymbols } from '../../server/src/engine/services/symbols';
import { testEnv } from '../helpers/env';
import { corpus } from './corpus';
import { rangeProblems } from './invariants';
import { applyMutations, FUZZ_SEED, fuzzRuns, mutationsArb } from './mutate';

describe('engine fuzz (mutated real manifests)', () => {
  const env = testEnv();
  const sources = corpus();
  const sourceArb = fc.nat({ max: sources.length - 1 });
  let slowest = { ms: 0, name: '' };
  /** A rule that threw: the engine survived it, but the rule has a bug worth naming. */
  const internalErrors = new Map<string, string>();

  function checkOne(name: string, text: string): void {
    const t0 = performance.now();
    const file = parseFile(`file:///fuzz/${name}`, text, 1);
    const diags = checkFile(file, env);
    const fixes = quickFixes(file, diags);
    const symbols = documentSymbols(file);
    const ms = performance.now() - t0;
    if (ms > slowest.ms) slowest = { ms, name };
    assertTerminated(ms, name);
    assert.deepEqual(rangeProblems(text, diags, file.uri), [], `${name}: diagnostics outside the document`);
    assert.deepEqual(
      rangeProblems(
        text,
        fixes.flatMap((f) => f.edits).map((e) => ({ code: 'fix-edit', range: e.range })),
      ),
      [],
      `${name}: fix edits outside`,
    );
    assert.deepEqual(
      rangeProblems(
        text,
        symbols.flatMap((s) => [s.range, s.selectionRange]).map((range) => ({ code: 'symbol', range })),
      ),
      [],
    );
    for (const d of diags) {
      assert.ok(d.code && d.message && d.source === 'istio-lens', JSON.stringify(d));
      if (d.code === 'internal-error') internalErrors.set(d.message, name);
    }
  }

  it('parseFile + checkFile + fixes + symbols never throw and keep ranges inside', () => {
    fc.assert(
      fc.property(sourceArb, mutationsArb, (i, ms) =>
        checkOne(sources[i].name, applyMutations(sources[i].text, ms)),
      ),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(300) },
    );
    console.log(`slowest input: ${slowest.ms.toFixed(1)} ms (${slowest.name})`);
    for (const [msg, name] of internalErrors) console.log(`rule crash survived (${name}): ${msg}`);
  });

  it('checkWorkspace over several mutated files never throws and keeps ranges inside', () => {
    const fileArb = fc.tuple(sourceArb, mutationsArb);
    fc.assert(
      fc.property(fc.array(fileArb, { minLength: 2, maxLength: 4 }), (picked) => {
        const texts = picked.map(([i, ms], k) => ({
          uri: `file:///fuzz/ws/${k}-${sources[i].name}`,
          text: applyMutations(sources[i].text, ms),
        }));
        const files = texts.map((t) => parseFile(t.uri, t.text, 1));
        const t0 = performance.now();
        const byUri = checkWorkspace(files, env);
        const ms = performance.now() - t0;
        assertTerminated(ms, 'workspace');
        for (const t of texts) {
          const diags = byUri.get(t.uri) ?? [];
          assert.deepEqual(
            rangeProblems(t.text, diags, t.uri),
            [],
            `${t.uri}: diagnostics outside the document`,
          );
        }
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(60) },
    );
  });

  it('unmutated sources are handled too (the fuzz starts from valid ground)', () => {
    for (const s of sources) checkOne(s.name, s.text);
  });
});
