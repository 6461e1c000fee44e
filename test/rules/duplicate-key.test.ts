import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { runRules } from '../../server/src/engine/check';
import { duplicateKey } from '../../server/src/engine/rules/duplicate-key';
import { testEnv } from '../helpers/env';

const HEAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';
const cases: { name: string; yaml: string; expect: { line: number; msg: RegExp; related?: number }[] }[] = [
  { name: 'no duplicates', yaml: 'data:\n  a: "1"\n  b: "2"\n', expect: [] },
  {
    name: 'one repeat points at the first',
    yaml: 'data:\n  a: "1"\n  a: "2"\n',
    expect: [{ line: 6, msg: /Duplicate key `a`/, related: 1 }],
  },
  {
    name: 'same key in different mappings is fine',
    yaml: 'data:\n  a: "1"\nbinaryData:\n  a: "2"\n',
    expect: [],
  },
  {
    name: 'top-level repeat',
    yaml: 'data: {}\ndata: {}\n',
    expect: [{ line: 5, msg: /Duplicate key `data`/, related: 1 }],
  },
  {
    name: 'runaway repetition is grouped',
    yaml: 'data:\n' + '  p: "x"\n'.repeat(10),
    expect: [{ line: 6, msg: /appears 10 times/, related: 10 }],
  },
];

describe('duplicate-key', () => {
  for (const c of cases) {
    it(c.name, () => {
      const file = parseFile('file:///t.yaml', HEAD + c.yaml);
      const got = runRules(file, file.docs[0], testEnv(), [duplicateKey]);
      assert.equal(got.length, c.expect.length, JSON.stringify(got.map((d) => d.message)));
      c.expect.forEach((e, i) => {
        assert.equal(got[i].code, 'duplicate-key');
        assert.equal(got[i].range.start.line, e.line);
        assert.match(got[i].message, e.msg);
        assert.equal(got[i].relatedInformation?.length ?? 0, e.related ?? 0);
      });
    });
  }
});
