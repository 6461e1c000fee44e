// nodeToJS is yaml's node.toJS(doc, { maxAliasCount }) made cheap on the common tree: the two must give
// the same value (own properties, prototypes, order) on every node of the corpus, of mutated
// manifests, and on each tree the direct path hands to yaml (aliases, merge keys, odd keys, tags).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isMap, isSeq, type Document, type Node } from 'yaml';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { nodeToJS } from '../../server/src/engine/parse/toJS';
import { corpus } from '../robustness/corpus';
import { applyMutations, FUZZ_SEED, fuzzRuns, mutationsArb } from '../robustness/mutate';

/** The outcome of a conversion: its value, or the error's class (both sides fail alike). */
function outcome(f: () => unknown): unknown {
  try {
    return { value: f() };
  } catch (e) {
    return { error: (e as Error).constructor.name };
  }
}

/** Compares both conversions on the root and every collection below it; returns the nodes compared. */
function compareAll(root: Node, doc: Document, maxAliasCount = 100): number {
  let n = 0;
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop() as Node;
    const want = outcome(() => node.toJS(doc, { maxAliasCount }));
    assert.deepStrictEqual(
      outcome(() => nodeToJS(node, doc, maxAliasCount)),
      want,
    );
    n++;
    const children = isMap(node)
      ? node.items.flatMap((p) => [p.key, p.value])
      : isSeq(node)
        ? node.items
        : [];
    for (const c of children) if (isMap(c) || isSeq(c)) stack.push(c);
  }
  return n;
}

function compareText(text: string): number {
  let n = 0;
  for (const d of parseFile('file:///t.yaml', text).docs)
    if (d.ast.contents) n += compareAll(d.ast.contents, d.ast);
  return n;
}

describe('nodeToJS', () => {
  it('equals yaml toJS on every collection of the corpus', () => {
    let n = 0;
    for (const f of corpus()) n += compareText(f.text);
    assert.ok(n > 5_000, `compared ${n} nodes`);
  });

  it('equals yaml toJS on the trees it hands over, and on the edge cases of the direct path', () => {
    const cases = [
      'a: &x {b: 1}\nc: *x\n', // alias
      'base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3\n', // merge key
      'm:\n  "<<": {x: 1}\n', // quoted <<: not a merge
      'm:\n  !!str << : {x: 1}\n  z: 2\n', // a tagged plain <<: merged
      '__proto__: {polluted: 1}\ntoString: 2\nconstructor: 3\n', // inherited names
      '? [a, b]\n: 1\n1: one\ntrue: t\nnull: n\n~: tilde\n', // non-string keys
      's: !!set {a, b}\no: !!omap [{a: 1}, {b: 2}]\np: !!pairs [{a: 1}]\n', // tag subclasses
      'f: [a: 1, b]\n', // pairs in a flow sequence
      'e:\nn: null\nl: [~, null, ""]\nk: a\nk: b\n', // empty values, nulls, a repeated key
      'bin: !!binary aGVsbG8=\nt: 2001-12-14t21:59:43.10-05:00\nn: 0x1f\nb: yes\n', // typed scalars
      `${'['.repeat(300)}1${']'.repeat(300)}\n`, // deeper than the direct path goes
      'a: &a [*a]\n', // a self-referencing alias
      'x: &x [1, 2]\ny: [*x, *x, *x, *x, *x, *x, *x, *x, *x, *x, *x, *x]\n', // alias budget
    ];
    for (const c of cases) assert.ok(compareText(c) > 0, c);
    const bomb = parseFile('file:///b.yaml', 'a: &a [1, 2, 3]\nb: [*a, *a, *a, *a]\n').docs[0].ast;
    compareAll(bomb.contents!, bomb, 2);
  });

  it('equals yaml toJS on mutated manifests', () => {
    const sources = corpus().filter((f) => f.text.length < 20_000);
    fc.assert(
      fc.property(fc.nat(), mutationsArb, (i, ms) => {
        compareText(applyMutations(sources[i % sources.length].text, ms));
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(200) },
    );
  });
});
