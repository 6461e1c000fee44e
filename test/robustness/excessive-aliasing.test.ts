// The alias-bomb rule: flags what go-yaml (and so kubectl) refuses, leaves ordinary anchors alone.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { runRules } from '../../server/src/engine/check';
import { excessiveAliasing, aliasExpansion } from '../../server/src/engine/rules/excessive-aliasing';
import { testEnv } from '../helpers/env';
import { billionLaughs } from './hostile';

const H = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n';
const CASES: { name: string; yaml: string; flagged: boolean; line?: number }[] = [
  { name: 'billion laughs', yaml: billionLaughs(9, 10), flagged: true, line: 14 },
  { name: "small laughs (under go-yaml's thresholds)", yaml: billionLaughs(2, 10), flagged: false },
  {
    name: 'ordinary anchors reused a few times',
    yaml: H + 'x: &p {a: 1, b: [1, 2]}\ny: *p\nz: *p\n',
    flagged: false,
  },
  { name: 'an anchor that contains its own alias', yaml: H + 'x: &s [1, *s]\n', flagged: false },
  { name: 'an alias to an undefined anchor', yaml: H + 'x: *nope\n', flagged: false },
  {
    name: 'an anchor redefined: aliases use the latest',
    yaml:
      H +
      'a: &x 1\nb: &x [' +
      Array(2000).fill('1').join(',') +
      ']\nc: [' +
      Array(2000).fill('*x').join(',') +
      ']\n',
    flagged: true,
    line: 6,
  },
  {
    name: 'many aliases to a scalar (large literal document, little expansion)',
    yaml: H + 'a: &x 1\nb: [' + Array(5000).fill('*x').join(',') + ']\n',
    flagged: false,
  },
];

describe('excessive-aliasing', () => {
  const env = testEnv();
  for (const c of CASES) {
    it(c.name, () => {
      const file = parseFile('file:///a.yaml', c.yaml, 1);
      const diags = runRules(file, file.docs[0], env, [excessiveAliasing]);
      assert.equal(diags.length, c.flagged ? 1 : 0, JSON.stringify(diags.map((d) => d.message)));
      if (c.flagged) {
        assert.equal(diags[0].code, 'excessive-aliasing');
        if (c.line !== undefined) assert.equal(diags[0].range.start.line, c.line);
      }
    });
  }

  it('counts the expansion exactly on a small case', () => {
    // [x, x] where x = [1, 1]: root seq(1) + 2 aliases(1 each) + 2 × seq of 2 scalars (3 each); the anchored seq is a map value.
    const file = parseFile('file:///a.yaml', 'a: &x [1, 1]\nb: [*x, *x]\n', 1);
    const e = aliasExpansion(file.docs[0].ast.contents);
    // map 1 + key a 1 + seq x 3 + key b 1 + seq b (1 + 2 × (1 + 3)) = 15
    assert.equal(e.decoded, 15);
    assert.equal(e.viaAlias, 6);
  });
});
