// Istio's CRD validation documents (third_party/upstream/istio/validation): *-valid docs must be
// accepted, *-invalid docs rejected. Upstream checks structural schemas AND CEL rules; we check the
// structural part here, print the table, list the invalid cases that need CEL, and pin the counts
// so a regression fails.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { isMap, isPair } from 'yaml';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { runRules } from '../../server/src/engine/check';
import { ALL_RULES } from '../../server/src/engine/rules';
import { schemaRule } from '../../server/src/engine/schema/schemaRule';
import { Severity } from '../../server/src/engine/model/diagnostic';
import { keyString } from '../../server/src/engine/parse/nodes';
import { istioData, readText } from '../helpers/paths';
import { testEnv } from '../helpers/env';

interface Case {
  file: string;
  index: number;
  kind: string;
  name: string;
  expectValid: boolean;
  _err: string | null;
}

const dir = path.join(istioData, 'validation');
const cases = JSON.parse(readText(path.join(dir, 'cases.json'))) as Case[];
/**
 * Our structural rules (CEL rules and Istio's webhook, IST0106/IST0133, are other areas: excluded), with
 * invalid-value as the validator finds it: the pipeline leaves a value Istio's webhook refuses too to IST0106.
 */
const rules = ALL_RULES.filter(
  (r) => !r.meta.id.startsWith('cel-') && r.meta.id !== 'IST0106' && r.meta.id !== 'IST0133',
).map((r) => (r.meta.id === 'invalid-value' ? schemaRule('invalid-value', r.meta.description, false) : r));

/** Errors our structural checks report for one case, after deleting `_err` as upstream does. */
function errorsFor(c: Case): string[] {
  const file = parseFile(`file://${c.file}`, readText(path.join(dir, c.file)));
  const doc = file.docs[c.index];
  assert.ok(doc?.resource, `${c.file}#${c.index} is a resource`);
  const root = doc.ast.contents;
  if (isMap(root)) root.items = root.items.filter((p) => !(isPair(p) && keyString(p) === '_err'));
  return runRules(file, doc, testEnv(), rules)
    .filter((d) => d.severity === Severity.Error)
    .map((d) => `${d.code}: ${d.message}`);
}

// What the structural checks reach today. Raise these when coverage improves; a drop is a regression.
const EXPECT = { validAccepted: 21, invalidRejected: 14 };

describe('istio validation documents (structural)', () => {
  const results = cases.map((c) => ({ c, errors: errorsFor(c) }));
  it('accepts every valid document', () => {
    const wrong = results.filter((r) => r.c.expectValid && r.errors.length);
    assert.deepEqual(
      wrong.map((r) => `${r.c.file}#${r.c.index}: ${r.errors.join('; ')}`),
      [],
    );
  });
  it('rejects the structurally invalid documents; lists those that need CEL', () => {
    const invalid = results.filter((r) => !r.c.expectValid);
    const caught = invalid.filter((r) => r.errors.length);
    const needCel = invalid.filter((r) => !r.errors.length);
    const valid = results.filter((r) => r.c.expectValid);
    const accepted = valid.filter((r) => !r.errors.length);
    const rows = [
      ['', 'documents', 'ours agree'],
      ['valid (accept)', String(valid.length), String(accepted.length)],
      ['invalid (reject)', String(invalid.length), String(caught.length)],
    ];
    console.log('\n' + rows.map((r) => r.map((x, i) => x.padEnd(i ? 10 : 18)).join(' ')).join('\n'));
    console.log(
      `\nCaught structurally (${caught.length}):\n` +
        caught
          .map((r) => `  ${path.basename(r.c.file)}#${r.c.index} [${r.c._err}] -> ${r.errors[0]}`)
          .join('\n'),
    );
    console.log(
      `\nNeed CEL (${needCel.length}):\n` +
        needCel.map((r) => `  ${path.basename(r.c.file)}#${r.c.index} ${r.c.kind}: ${r.c._err}`).join('\n'),
    );
    assert.equal(accepted.length, EXPECT.validAccepted);
    assert.equal(caught.length, EXPECT.invalidRejected);
  });
});
