// Istio's CRD validation documents (third_party/upstream/istio/validation): every *-invalid document
// must be rejected (an error diagnostic) and every *-valid one accepted (no error), by the whole
// per-file pipeline (structural schema + CEL + the other rules), after deleting `_err`, which
// describes the expected error. Prints a table and compares our message with `_err`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { Severity, type EngineDiagnostic } from '../../server/src/engine/model/diagnostic';
import { testEnv } from '../helpers/env';
import { istioData, readText } from '../helpers/paths';

interface Case {
  file: string;
  index: number;
  apiVersion: string;
  kind: string;
  name: string;
  expectValid: boolean;
  _err?: string;
}

const dir = path.join(istioData, 'validation');
const cases = JSON.parse(readText(path.join(dir, 'cases.json'))) as Case[];

/**
 * Documents we judge differently from the API server, each with its reason. Empty means none:
 * a case listed here still runs, and the test fails if it starts passing (so the list stays true).
 */
const EXCEPTIONS: Readonly<Record<string, string>> = {};

/** The case's document, with `_err` deleted, as its own text. */
function documentText(c: Case): string {
  const docs = parseAllDocuments(readText(path.join(dir, c.file))).filter((d) => d.contents !== null);
  const doc = docs[c.index];
  assert.ok(doc, `${c.file}#${c.index} exists`);
  doc.delete('_err');
  return doc.toString();
}

/** Words of `_err` that should reappear in our message (field names, quoted values, key phrases). */
function substance(err: string): string[] {
  const words = err
    .toLowerCase()
    .replace(/[^a-z0-9.\-\s"]/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 3);
  return [...new Set(words)];
}

interface Row {
  c: Case;
  ok: boolean;
  errors: EngineDiagnostic[];
  overlap: number;
}

const rows: Row[] = cases.map((c) => {
  const text = documentText(c);
  const file = parseFile(`file:///${c.file}#${c.index}`, text);
  const diags = checkFile(file, testEnv());
  const errors = diags.filter((d) => d.severity === Severity.Error);
  const ok = c.expectValid ? errors.length === 0 : errors.length > 0;
  const ours = errors.map((d) => d.message.toLowerCase()).join(' ');
  const want = substance(c._err ?? '');
  const overlap = want.length
    ? want.filter((w) => ours.includes(w.replace(/"/g, ''))).length / want.length
    : 1;
  return { c, ok, errors, overlap };
});

test('validation corpus: every document judged right but the listed exceptions (table)', () => {
  const lines = rows.map(({ c, ok, errors, overlap }) => {
    const verdict = ok ? 'ok  ' : 'FAIL';
    const expect = c.expectValid ? 'valid  ' : 'invalid';
    const ours = errors.length ? `${errors[0].code}: ${errors[0].message}` : '(accepted)';
    const match = c.expectValid ? '' : ` [${Math.round(overlap * 100)}% of _err words]`;
    return `${verdict} ${expect} ${`${c.kind}/${c.name}`.padEnd(52)} ${c._err ? `_err: ${c._err}\n${' '.repeat(13)}` : ''}ours: ${ours.slice(0, 160)}${match}`;
  });
  const right = rows.filter((r) => r.ok).length;
  console.log(
    `\nIstio validation corpus: ${right}/${rows.length} documents judged right\n${lines.join('\n')}`,
  );
  const exceptions = Object.entries(EXCEPTIONS);
  if (exceptions.length)
    console.log(`exceptions:\n${exceptions.map(([k, why]) => `  ${k}: ${why}`).join('\n')}`);
  const wrong = rows.filter((r) => !r.ok).map((r) => `${r.c.file}#${r.c.index} ${r.c.kind}/${r.c.name}`);
  assert.deepEqual(wrong.sort(), Object.keys(EXCEPTIONS).sort());
});

for (const r of rows) {
  const id = `${r.c.file}#${r.c.index} ${r.c.kind}/${r.c.name}`;
  test(`${r.c.expectValid ? 'accepts' : 'rejects'} ${id}`, () => {
    if (EXCEPTIONS[id]) {
      assert.equal(r.ok, false, `${id} now passes: remove it from EXCEPTIONS`);
      return;
    }
    assert.ok(
      r.ok,
      r.c.expectValid
        ? `should be accepted, got: ${r.errors.map((d) => `${d.code}: ${d.message}`).join(' | ')}`
        : `should be rejected (${r.c._err})`,
    );
  });
}
