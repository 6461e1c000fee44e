// One mistake, one error: a value both the CRD (a schema bound, a CEL rule) and Istio's webhook refuse
// is reported once, by IST0106 with Istio's message; with IST0106 switched off, the CRD's check reports it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { checkWorkspace } from '../../server/src/engine/checkWorkspace';
import { testEnv } from '../helpers/env';

const found = (yaml: string, disabledCodes: string[] = []) => {
  const file = parseFile('file:///t.yaml', yaml);
  return checkFile(file, testEnv({ disabledCodes })).map(
    (d) =>
      `${d.code} ${file.text.slice(file.lines.offsetAt(d.range.start), file.lines.offsetAt(d.range.end))}`,
  );
};

const proxyConfig =
  'apiVersion: networking.istio.io/v1beta1\nkind: ProxyConfig\nmetadata:\n  name: p\nspec:\n  concurrency: -1\n';
const telemetry =
  'apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: t\nspec:\n  tracing:\n  - randomSamplingPercentage: 150\n';
const timeout =
  'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: v\nspec:\n  hosts: [v]\n  http:\n  - timeout: 0s\n    route:\n    - destination: {host: v}\n';

test('a schema bound Istio checks too: IST0106 alone', () => {
  assert.deepEqual(found(proxyConfig), ['IST0106 -1']);
  assert.deepEqual(found(telemetry), ['IST0106 150']);
  assert.deepEqual(found(proxyConfig, ['IST0106']), ['invalid-value -1']);
});

test('a CEL rule Istio checks too: IST0106 alone', () => {
  assert.deepEqual(found(timeout), ['IST0106 0s']);
  assert.deepEqual(found(timeout, ['IST0106']), ['cel-validation timeout']);
});

// A tagOverrides entry with operation UPSERT and no value: the CRD's rule on the entry ('value must be set
// when operation is UPSERT', an evaluation error as `value` is absent) and Istio's 'tagOverrides.value must
// be set when operation is UPSERT' on the same entry say the same thing.
const upsert = (tag: string) =>
  `apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: t\nspec:\n  metrics:\n  - providers:\n    - name: prometheus\n    overrides:\n    - tagOverrides:\n        ${tag}\n`;

test('a CEL rule on a mapping that Istio restates: IST0106 alone', () => {
  assert.deepEqual(found(upsert('request_host:\n          operation: UPSERT')), ['IST0106 request_host']);
  assert.deepEqual(found(upsert('request_host:\n          operation: UPSERT'), ['IST0106']), [
    'cel-validation request_host',
  ]);
  assert.deepEqual(found(upsert('request_host:\n          operation: UPSERT\n          value: x')), []);
});

test('a CEL rule on a mapping Istio reports in other words about the same fields: IST0106 alone', () => {
  // 'value must not be set when operation is REMOVE' beside 'tagOverrides.value may only be set when
  // operation is UPSERT': other words, the same two fields of the entry, one mistake.
  const remove = upsert('request_host:\n          operation: REMOVE\n          value: x');
  assert.deepEqual(found(remove), ['IST0106 request_host']);
  assert.deepEqual(found(remove, ['IST0106']), ['cel-validation request_host']);
  assert.deepEqual(found(upsert('request_host:\n          operation: REMOVE')), []);
});

// `check --only CODE` reports that code alone: a rule that leaves a mistake to a code left out reports it
// itself, as it does when that code is switched off.
const only = (yaml: string, codes: string[]) => {
  const file = parseFile('file:///t.yaml', yaml);
  return [...checkWorkspace([file], testEnv(), { only: codes }).values()]
    .flat()
    .map(
      (d) =>
        `${d.code} ${file.text.slice(file.lines.offsetAt(d.range.start), file.lines.offsetAt(d.range.end))}`,
    );
};

test('--only a CRD check reports the value it leaves to IST0106 otherwise', () => {
  assert.deepEqual(only(timeout, ['cel-validation']), ['cel-validation timeout']);
  assert.deepEqual(only(proxyConfig, ['invalid-value']), ['invalid-value -1']);
  assert.deepEqual(only(timeout, ['IST0106']), ['IST0106 0s']);
});

test("--only IST0106 reports the webhook's echo of a misspelt key, which unknown-field reports otherwise", () => {
  const misspelt =
    'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: v\nspec:\n  hosts: [v]\n  htttp:\n  - route:\n    - destination: {host: v}\n';
  assert.deepEqual(only(misspelt, ['unknown-field']), ['unknown-field htttp']);
  assert.equal(only(misspelt, ['IST0106']).length, 1);
  assert.match(only(misspelt, ['IST0106'])[0], /^IST0106 /);
  assert.deepEqual(found(misspelt, ['unknown-field']).filter((l) => l.startsWith('IST0106')).length, 1);
});
