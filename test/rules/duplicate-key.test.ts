// duplicate-key through the RuleTester: the repeat is reported with its first occurrence, and the
// quick fix removes it (or every repeat of a runaway key at once).
import { duplicateKey } from '../../server/src/engine/rules/duplicate-key';
import { ruleTester } from '../helpers/ruleTester';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { quickFixes } from '../../server/src/engine/services/quickFixes';
import { testEnv } from '../helpers/env';

const HEAD = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';

ruleTester(duplicateKey, {
  valid: [
    { name: 'no duplicates', yaml: HEAD + 'data:\n  a: "1"\n  b: "2"\n' },
    {
      name: 'same key in different mappings is fine',
      yaml: HEAD + 'data:\n  a: "1"\nbinaryData:\n  a: "2"\n',
    },
    {
      // `--` for `---`: the next object's keys run into this mapping after the syntax error, which
      // yaml-syntax reports; kubectl stops there, and the repeats are the parser's recovery.
      name: 'keys after a syntax error are not repeats',
      yaml: HEAD + 'data:\n  a: "1"\n--\n' + HEAD + 'data:\n  b: "2"\n',
    },
  ],
  invalid: [
    {
      name: 'one repeat points at the first',
      yaml: HEAD + 'data:\n  a: "1"\n  a: "2"\n',
      errors: [
        {
          code: 'duplicate-key',
          line: 7,
          message: /Duplicate key `a`/,
          related: 1,
          fixes: [
            'Remove this duplicate key',
            'Remove the first one instead (keep this value, which takes effect)',
          ],
        },
      ],
      output: HEAD + 'data:\n  a: "1"\n',
    },
    {
      name: 'top-level repeat',
      yaml: HEAD + 'data: {}\ndata: {}\n',
      errors: [{ code: 'duplicate-key', line: 6, message: /Duplicate key `data`/, related: 1 }],
      output: HEAD + 'data: {}\n',
    },
    {
      name: 'a repeat before a syntax error stands',
      yaml: HEAD + 'data:\n  a: "1"\n  a: "2"\n--\n' + HEAD,
      errors: [{ code: 'duplicate-key', line: 7, message: /Duplicate key `a`/, related: 1 }],
    },
    {
      name: 'runaway repetition is grouped',
      yaml: HEAD + 'data:\n' + '  p: "x"\n'.repeat(10),
      errors: [
        {
          code: 'duplicate-key',
          line: 7,
          message: /appears 10 times/,
          related: 10,
          fixes: ['Remove the 9 repeats of `p` (keep the first)'],
        },
      ],
      output: HEAD + 'data:\n  p: "x"\n',
    },
  ],
});

test('the other fix keeps the value that takes effect: the first occurrence goes', () => {
  const text = HEAD + 'data:\n  a: "1"\n  b: "x"\n  a: "2"\n';
  const file = parseFile('file:///t.yaml', text);
  const diags = checkFile(file, testEnv()).filter((d) => d.code === 'duplicate-key');
  const keep = quickFixes(file, diags).find((a) => /keep this value/.test(a.title));
  assert.ok(keep, 'offered');
  const [e] = keep.edits;
  const out =
    text.slice(0, file.lines.offsetAt(e.range.start)) +
    e.newText +
    text.slice(file.lines.offsetAt(e.range.end));
  assert.equal(out, HEAD + 'data:\n  b: "x"\n  a: "2"\n');
});
