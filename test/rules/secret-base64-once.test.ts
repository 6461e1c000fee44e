// One mistake, one error: a Secret's `data` value that is no base64 is refused by the schema's format check
// (invalid-format, which names the key and the stringData way out) and by the API server's decoder
// (k8s-validation). invalid-format reports it; with that code switched off, k8s-validation does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { testEnv } from '../helpers/env';

const found = (yaml: string, disabledCodes: string[] = []) => {
  const file = parseFile('file:///t.yaml', yaml);
  return checkFile(file, testEnv({ disabledCodes })).map(
    (d) =>
      `${d.code} ${file.text.slice(file.lines.offsetAt(d.range.start), file.lines.offsetAt(d.range.end))}`,
  );
};

const secret =
  'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  password: hunter2!\n  ok: aHVudGVyMg==\n';

test('a Secret value that is no base64: invalid-format alone', () => {
  assert.deepEqual(found(secret), ['invalid-format hunter2!']);
  assert.deepEqual(found(secret, ['invalid-format']), ['k8s-validation hunter2!']);
});
