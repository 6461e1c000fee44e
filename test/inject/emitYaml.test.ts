// The fast YAML emitter must round-trip any JSON value through the project's YAML parser.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'yaml';
import { emitYaml } from '../../server/src/engine/inject/gotemplate/emitYaml';

const tricky = [
  '',
  ' ',
  'yes',
  'no',
  'on',
  'null',
  '~',
  '1e3',
  '0x1F',
  '12:30',
  '-',
  '- a',
  '*',
  '&a',
  '#c',
  'a #b',
  'a: b',
  'a:',
  '"q"',
  "'s'",
  '|',
  '>',
  '%',
  '@',
  '`',
  '{}',
  '[]',
  ',',
  '?',
  'line\nbreak',
  'trail\n',
  'two\n\n',
  '\nlead',
  ' lead',
  'tab\tin',
  'k8s.io/x',
  '$(POD_NAMESPACE).svc',
  '[\n    {"a":1}\n]',
  '{}\n',
  'end ',
  '.inf',
  '-.5',
  '+1',
  '0o17',
  '1_000',
  'Yes',
  'x\r\ny',
  '\u2028',
];

describe('emitYaml', () => {
  it('round-trips tricky strings as values, keys and list items', () => {
    for (const s of tricky) {
      const v = { [s || 'empty']: s, list: [s, { [s || 'k']: [s] }] };
      assert.deepEqual(parse(emitYaml(v)), v, JSON.stringify(s));
      assert.deepEqual(parse(emitYaml(v), { version: '1.1' }), v, `YAML 1.1: ${JSON.stringify(s)}`);
    }
  });
  it('round-trips arbitrary JSON (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        const norm = JSON.parse(JSON.stringify(v)) as unknown;
        assert.deepEqual(parse(emitYaml(norm), { version: '1.1' }), norm);
      }),
      { numRuns: 1000 },
    );
  });
  it('uses kubectl style', () => {
    assert.equal(
      emitYaml({ a: { b: [{ c: 1, d: 'x' }], e: {} }, f: '{}\n' }),
      'a:\n  b:\n  - c: 1\n    d: x\n  e: {}\nf: |\n  {}\n',
    );
  });
});
