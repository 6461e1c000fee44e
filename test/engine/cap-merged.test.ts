// The per-file bound holds for what is published: a file's own findings and the workspace analysis'
// together (thousands of definitions of one object each add an alternative-definition hint).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkWorkspace } from '../../server/src/engine/checkWorkspace';
import { MAX_PER_FILE } from '../../server/src/engine/capDiagnostics';
import { Severity } from '../../server/src/engine/model/diagnostic';
import { testEnv } from '../helpers/env';

const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: same\ndata:\n  a: "1"\n  a: "2"\n---\n';

test('own findings and analysis hints of one file are capped once, with one summary counting both', () => {
  const file = parseFile('file:///w/many.yaml', doc.repeat(3000));
  const diags = checkWorkspace([file], testEnv()).get(file.uri)!;
  assert.equal(diags.length, MAX_PER_FILE + 1);
  const summaries = diags.filter((d) => d.code === 'too-many-problems');
  assert.equal(summaries.length, 1, 'one summary, the per-file summary of the rules folded in');
  // 3000 duplicate keys and 2999 hints (every definition but the winner): 5999 in all, 1000 shown.
  assert.match(summaries[0].message, /^4999 more problems in this file, from here on,/);
  assert.match(summaries[0].message, /\d+ duplicate-key/);
  assert.match(summaries[0].message, /\d+ alternative-definition/);
  assert.equal(summaries[0].severity, Severity.Error, 'as severe as the worst it hides');
});

test('a file under the bound is published whole', () => {
  const file = parseFile('file:///w/few.yaml', doc.repeat(3));
  const diags = checkWorkspace([file], testEnv()).get(file.uri)!;
  assert.deepEqual(diags.map((d) => d.code).sort(), [
    'alternative-definition',
    'alternative-definition',
    'duplicate-key',
    'duplicate-key',
    'duplicate-key',
  ]);
});
