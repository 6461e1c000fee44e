import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { runRules } from '../../server/src/engine/check';
import { yamlSyntax } from '../../server/src/engine/rules/yaml-syntax';
import { testEnv } from '../helpers/env';

const HEAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';
// Positions are 0-based (line, character) of the first error.
const cases: {
  name: string;
  yaml: string;
  expect: null | { line: number; character: number; msg: RegExp };
}[] = [
  { name: 'valid', yaml: 'data:\n  a: "1"\n', expect: null },
  {
    name: 'tab indentation',
    yaml: 'data:\n\ta: "1"\n',
    expect: { line: 5, character: 0, msg: /Tabs are not allowed/ },
  },
  {
    name: 'bad indentation',
    yaml: 'data:\n    a: "1"\n  b: "2"\n',
    expect: { line: 6, character: 2, msg: /indent|column|mapping/i },
  },
  { name: 'unclosed flow sequence', yaml: 'data: [a, b\n', expect: { line: 4, character: 6, msg: /flow|]/ } },
  { name: 'unclosed flow mapping', yaml: 'data: {a: 1\n', expect: { line: 4, character: 6, msg: /flow|}/ } },
  {
    name: 'unterminated quote',
    yaml: 'data:\n  a: "open\n',
    expect: { line: 5, character: 5, msg: /quote|Missing closing/i },
  },
];

describe('yaml-syntax', () => {
  for (const c of cases) {
    it(c.name, () => {
      const file = parseFile('file:///t.yaml', HEAD + c.yaml);
      const got = file.docs.flatMap((doc) => runRules(file, doc, testEnv(), [yamlSyntax]));
      if (!c.expect) {
        assert.deepEqual(got, []);
        return;
      }
      assert.ok(got.length >= 1, 'an error is reported');
      assert.equal(got[0].code, 'yaml-syntax');
      assert.deepEqual(
        [got[0].range.start.line, got[0].range.start.character],
        [c.expect.line, c.expect.character],
        got[0].message,
      );
      assert.match(got[0].message, c.expect.msg);
    });
  }
});
