// Parsing by document (and re-using unchanged documents of the previous version) must give exactly
// what one whole-file parse gives: same documents, ranges, errors, nodes and diagnostics.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAllDocuments, isAlias, isMap, isPair, isScalar, isSeq, type Document } from 'yaml';
import { parseFile, PARSE_OPTIONS, type ParsedFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { testEnv } from '../helpers/env';
import { corpus } from './corpus';
import { applyMutations, FUZZ_SEED, fuzzRuns, mutationsArb } from './mutate';

/** Everything position- or value-bearing in a document, in document order. */
function signature(ast: Document.Parsed): unknown[] {
  const out: unknown[] = [
    ast.range,
    ast.errors.map((e) => [e.code, e.pos, e.message]),
    ast.warnings.map((e) => [e.code, e.pos]),
  ];
  const stack: unknown[] = [ast.contents];
  while (stack.length) {
    const n = stack.pop();
    if (isMap(n) || isSeq(n)) {
      out.push([isMap(n) ? 'map' : 'seq', n.range, n.tag ?? null, n.anchor ?? null]);
      for (let i = n.items.length - 1; i >= 0; i--) {
        const it = n.items[i];
        if (isPair(it)) {
          stack.push(it.value);
          stack.push(it.key);
        } else stack.push(it);
      }
    } else if (isScalar(n))
      out.push([
        'scalar',
        n.range,
        n.value instanceof Uint8Array ? 'bin' : String(n.value),
        n.tag ?? null,
        n.anchor ?? null,
      ]);
    else if (isAlias(n)) out.push(['alias', n.range, n.source]);
    else out.push(n === null ? null : typeof n);
  }
  return out;
}

function assertSameAsWholeParse(file: ParsedFile, label: string): void {
  const whole = parseAllDocuments(file.text, PARSE_OPTIONS);
  const asts = Array.isArray(whole) ? whole : [];
  assert.equal(file.docs.length, asts.length, `${label}: document count`);
  file.docs.forEach((d, i) => {
    assert.deepEqual(signature(d.ast), signature(asts[i]), `${label}: document ${i}`);
    assert.deepEqual([d.start, d.end], [asts[i].range[0], asts[i].range[2]], `${label}: document ${i} span`);
  });
}

const key = (d: { code: string; range: unknown; message: string; relatedInformation?: unknown }): string =>
  JSON.stringify([d.code, d.range, d.message, d.relatedInformation ?? null]);

describe('parsing by document', () => {
  const sources = corpus();
  const env = testEnv();

  it('equals the whole-file parse on every corpus file', () => {
    for (const s of sources) assertSameAsWholeParse(parseFile('file:///a.yaml', s.text), s.name);
  });

  it('equals the whole-file parse on mutated files', () => {
    fc.assert(
      fc.property(fc.nat(), mutationsArb, (i, ms) => {
        const s = sources[i % sources.length];
        assertSameAsWholeParse(parseFile('file:///a.yaml', applyMutations(s.text, ms)), s.name);
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(300) },
    );
  });

  it('re-using the previous version equals parsing afresh (parse and diagnostics)', () => {
    const multi = sources.map((s) => s.text).join('\n---\n');
    fc.assert(
      fc.property(fc.nat(), mutationsArb, mutationsArb, (i, m1, m2) => {
        const base = i % 3 === 0 ? multi.slice(0, 20_000) : sources[i % sources.length].text;
        const v1 = applyMutations(base, m1);
        const v2 = applyMutations(v1, m2);
        const prev = parseFile('file:///a.yaml', v1, 1);
        checkFile(prev, env);
        const next = parseFile('file:///a.yaml', v2, 2, prev);
        assertSameAsWholeParse(next, 'incremental');
        const fresh = parseFile('file:///a.yaml', v2, 2);
        assert.deepEqual(checkFile(next, env).map(key), checkFile(fresh, env).map(key));
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(150) },
    );
  });

  it('re-parses only the document that changed', () => {
    const docs = [
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n',
    ];
    const v1 = parseFile('file:///a.yaml', docs.join('---\n'), 1);
    const [a, , c] = v1.docs.map((d) => d.ast);
    const v2 = parseFile(
      'file:///a.yaml',
      [docs[0], docs[1].replace('name: b', 'name: bb\n  namespace: x'), docs[2]].join('---\n'),
      2,
      v1,
    );
    assert.equal(v2.docs[0].ast, a, 'first document reused');
    assert.equal(v2.docs[2].ast, c, 'last document reused (moved)');
    assert.notEqual(v2.docs[1].ast, v1.docs[1]?.ast);
    assert.equal(v2.docs[2].resource?.name, 'c');
    assert.equal(v2.text.slice(v2.docs[2].start, v2.docs[2].start + 10), '---\napiVer');
  });

  it('re-uses documents that moved (found by text), and never one document twice', () => {
    const doc = (n: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: m${n}\n`;
    const docs = Array.from({ length: 30 }, (_, n) => doc(n));
    const v1 = parseFile('file:///a.yaml', docs.join('---\n'), 1);
    const asts = new Set(v1.docs.map((d) => d.ast));
    // Reversed: no document is where it was, nor at its distance from the end (but the middle one).
    const reversed = [...docs].reverse();
    const v2 = parseFile('file:///a.yaml', reversed.join('---\n'), 2, v1);
    assertSameAsWholeParse(v2, 'reversed');
    const reused = v2.docs.filter((d) => asts.has(d.ast)).length;
    assert.ok(reused >= 20, `moved documents are re-used (${reused}/30)`);
    // Each document twice: the second copy of each is parsed anew, never the same AST in two places.
    const doubled = parseFile('file:///a.yaml', [...reversed, ...reversed].join('---\n'), 3, v2);
    assertSameAsWholeParse(doubled, 'doubled');
    assert.equal(new Set(doubled.docs.map((d) => d.ast)).size, 60);
  });
});
