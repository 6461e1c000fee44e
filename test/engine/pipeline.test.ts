import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { Severity } from '../../server/src/engine/model/diagnostic';
import type { Rule } from '../../server/src/engine/model/rule';
import { testEnv } from '../helpers/env';

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';
const reporter = (id: string, n: number, severity = Severity.Warning): Rule => ({
  meta: { id, description: '', severity, fixable: false, appliesTo: 'resource' },
  check(ctx) {
    for (let i = 0; i < n; i++) ctx.report({ node: ctx.resource!.root, message: `${id} ${i}` });
  },
});
const thrower: Rule = {
  meta: { id: 'boom', description: '', severity: Severity.Error, fixable: false, appliesTo: 'resource' },
  check() {
    throw new Error('kaput');
  },
};

describe('checkFile pipeline', () => {
  it('a broken file is checked when kubectl would take it for a manifest, and left alone otherwise', () => {
    const codes = (text: string) => checkFile(parseFile('u', text), testEnv()).map((d) => d.code);
    // An indentation slip on the line of `kind:` leaves no header; kubectl still rejects the file (one
    // error for the line, though the parser says two things about it).
    assert.deepEqual(codes('apiVersion: v1\n kind: ConfigMap\nmetadata:\n  name: x\n'), ['yaml-syntax']);
    // A list of objects at the top: kubectl reads one object per document.
    assert.deepEqual(codes('- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: x\n'), [
      'yaml-syntax',
    ]);
    // Broken YAML that names no apiVersion and kind, or is a template, is not a manifest.
    assert.deepEqual(codes('jobs:\n  build: [a\n'), []);
    assert.deepEqual(codes('apiVersion: v1\n kind: {{ .Values.kind }}\n'), []);
  });

  it('a throwing rule costs one internal-error, the others still run', () => {
    const file = parseFile('u', CM);
    const got = checkFile(file, testEnv(), [thrower, reporter('ok', 1)]);
    assert.deepEqual(
      got.map((d) => d.code),
      ['internal-error', 'ok'],
    );
    assert.match(got[0].message, /boom failed.*kaput/);
  });

  it('caps a flood per code and adds one summary', () => {
    const file = parseFile('u', CM);
    const got = checkFile(file, testEnv({ maxPerCode: 5 }), [reporter('flood', 40), reporter('other', 2)]);
    assert.equal(got.filter((d) => d.code === 'flood').length, 5);
    assert.equal(got.filter((d) => d.code === 'other').length, 2);
    const summary = got.filter((d) => d.code === 'too-many-problems');
    assert.equal(summary.length, 1);
    assert.match(summary[0].message, /35 more problems.*35 flood/);
    assert.equal(summary[0].severity, Severity.Warning);
  });

  it('the summary is as severe as the worst problem it hides', () => {
    const file = parseFile('u', CM);
    const cap = testEnv({ maxPerCode: 5 });
    const severityOf = (rules: Rule[]) =>
      checkFile(file, cap, rules).find((d) => d.code === 'too-many-problems')?.severity;
    assert.equal(severityOf([reporter('note', 40, Severity.Information)]), Severity.Information);
    assert.equal(severityOf([reporter('hint', 40, Severity.Hint)]), Severity.Hint);
    assert.equal(
      severityOf([reporter('note', 40, Severity.Information), reporter('bad', 40, Severity.Error)]),
      Severity.Error,
    );
    // Only what is hidden counts: the 5 shown errors do not raise a summary of hidden notes.
    assert.equal(
      severityOf([reporter('bad', 5, Severity.Error), reporter('note', 40, Severity.Information)]),
      Severity.Information,
    );
  });

  it('skips documents with template syntax and files without resources', () => {
    assert.deepEqual(checkFile(parseFile('u', 'a: 1\na: 2\n'), testEnv()), []);
    const helm = CM + 'data:\n  {{- range .Values.x }}\n  a: {{ . }}\n  a: 2\n  {{- end }}\n';
    assert.deepEqual(checkFile(parseFile('u', helm), testEnv()), []);
  });

  it('skips documents with Jinja statements or ytt annotations in their structure, not in strings or comments', () => {
    const jinja = CM + 'data:\n{% if canary %}\n  a: b\n{% endif %}\n{# note #}\n';
    assert.ok(parseFile('u', jinja).docs[0].templated);
    assert.deepEqual(checkFile(parseFile('u', jinja), testEnv()), []);
    const ytt =
      '#@ load("@ytt:data", "data")\n---\n' +
      CM.replace('name: x', 'name: #@ data.values.name') +
      'data: {}\n';
    const file = parseFile('u', ytt);
    assert.ok(file.docs.at(-1)?.templated);
    assert.deepEqual(checkFile(file, testEnv()), []);
    // The same characters as text are no template: the document is checked.
    for (const text of [
      'data:\n  a: "{% if x %}"\n',
      'data:\n  a: |\n    {# x #}\n',
      'data:\n  a: b # {% x %} #@ y\n',
      'data:\n  a: "#@ y"\n',
    ])
      assert.equal(parseFile('u', CM + text).docs[0].templated, false, text);
  });

  it('disabled codes are not reported', () => {
    const got = checkFile(parseFile('u', CM), testEnv({ disabledCodes: ['ok'] }), [
      reporter('ok', 3),
      reporter('kept', 1),
    ]);
    assert.deepEqual(
      got.map((d) => d.code),
      ['kept'],
    );
  });

  it('attaches the resource, namespace as written', () => {
    const got = checkFile(parseFile('u', CM), testEnv(), [reporter('r', 1)]);
    assert.deepEqual(got[0].resource, { kind: 'ConfigMap', namespace: null, name: 'x' });
  });
});
