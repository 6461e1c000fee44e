// The hint on the other definitions of one object: where the definition cross-file analysis reads is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { analyzeWorkspace } from '../../server/src/engine/analysis';
import { ALTERNATIVE_DEFINITION } from '../../server/src/engine/analysis/alternatives';
import { Severity } from '../../server/src/engine/model/diagnostic';

const vs = (name: string, host: string) =>
  `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  hosts: [${host}]\n  http:\n  - route:\n    - destination: {host: ${host}}\n`;

const notes = (files: Record<string, string>, opts: { only?: string[]; disabledCodes?: string[] } = {}) => {
  const parsed = Object.entries(files).map(([p, t]) => parseFile(`file:///ws/${p}`, t));
  const out = analyzeWorkspace(parsed, { analyzers: [], alternativeNotes: true, ...opts });
  return parsed.flatMap((f) =>
    (out.get(f.uri) ?? [])
      .filter((d) => d.code === ALTERNATIVE_DEFINITION)
      .map((d) => ({ file: f.uri.slice('file:///ws/'.length), d })),
  );
};

test('each other definition of an object gets a hint pointing at the one analysis reads', () => {
  const found = notes({
    'steps/v1/vs.yaml': vs('reviews', 'reviews'),
    'steps/v2/vs.yaml': vs('reviews', 'reviews'),
  });
  assert.equal(found.length, 1);
  const { file, d } = found[0];
  // The last definition wins: the hint is on the first, on its metadata.name.
  assert.equal(file, 'steps/v1/vs.yaml');
  assert.equal(d.severity, Severity.Hint);
  assert.deepEqual(d.range.start, { line: 3, character: 8 });
  assert.match(
    d.message,
    /^VirtualService reviews is also defined in \.\.\/v2\/vs\.yaml: the cluster holds one/,
  );
  assert.equal(d.relatedInformation?.[0].uri, 'file:///ws/steps/v2/vs.yaml');
  assert.deepEqual(d.relatedInformation?.[0].range.start, { line: 3, character: 8 });
});

test('the same object twice in one file; different objects; filtered codes', () => {
  const twice = notes({ 'a.yaml': `${vs('reviews', 'a')}---\n${vs('reviews', 'b')}` });
  assert.deepEqual(
    twice.map((n) => [n.d.range.start.line, n.d.message.split(':')[0]]),
    [[3, 'VirtualService reviews is also defined later in this file']],
  );
  assert.deepEqual(notes({ 'a.yaml': vs('reviews', 'r'), 'b.yaml': vs('ratings', 'r') }), []);
  const pair = { 'a.yaml': vs('reviews', 'r'), 'b.yaml': vs('reviews', 'r') };
  assert.equal(notes(pair, { disabledCodes: [ALTERNATIVE_DEFINITION] }).length, 0);
  assert.equal(notes(pair, { only: ['IST0101'] }).length, 0);
  assert.equal(notes(pair, { only: [ALTERNATIVE_DEFINITION] }).length, 1);
});
