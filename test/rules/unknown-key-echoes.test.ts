// A misspelt key is one mistake, reported once, on the key (unknown-field): the required field it meant
// is not also missing-required, and the validators that read the object without it (Istio's webhook,
// IST0106/IST0133; the API server, k8s-validation) do not restate it on the map that holds it. Their
// findings on values, and on maps without an unknown key, stand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { testEnv } from '../helpers/env';
import { deployment } from '../helpers/manifests';
import { Severity } from '../../server/src/engine/model/diagnostic';

const codes = (yaml: string) =>
  checkFile(parseFile('file:///t.yaml', yaml), testEnv())
    .filter((d) => d.severity !== Severity.Information)
    .map((d) => `${d.range.start.line + 1} ${d.code}`)
    .sort();

const vs = (http: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: shop}
spec:
  hosts: [web]
${http}`;

test('a misspelt routes key: unknown-field alone, not also "http, tcp or tls must be provided"', () => {
  assert.deepEqual(codes(vs('  htttp:\n  - route:\n    - destination: {host: web}\n')), ['6 unknown-field']);
  assert.deepEqual(codes(vs('  http:\n  - route:\n    - destination: {host: web}\n')), []);
});

test('a misspelt rewrite field: unknown-field alone; the webhook error on a value beside it stands', () => {
  const rewrite = (body: string) =>
    vs(`  http:\n  - rewrite:\n${body}    route:\n    - destination: {host: web}\n`);
  assert.deepEqual(codes(rewrite('      regexRewrite: {match: "^/x", rewrite: /}\n')), ['8 unknown-field']);
  const withRetries = rewrite('      regexRewrite: {match: "^/x", rewrite: /}\n').replace(
    '  - rewrite:',
    '  - retries: {attempts: -1}\n    rewrite:',
  );
  assert.deepEqual(codes(withRetries), ['7 IST0106', '9 unknown-field']);
});

test('a misspelt required Gateway port name: unknown-field alone, not missing-required nor IST0106', () => {
  const gw = (port: string) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw, namespace: shop}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {${port}}
    hosts: ["*"]
`;
  assert.deepEqual(codes(gw('number: 80, nmae: http, protocol: HTTP')), ['7 unknown-field']);
  // An unknown key that is no slip of `name` leaves it missing (the webhook's echo of it aside).
  assert.deepEqual(codes(gw('number: 80, label: http, protocol: HTTP')), [
    '7 missing-required',
    '7 unknown-field',
  ]);
  // Left out, it is missing-required alone: the CRD's schema refuses it before the webhook runs.
  assert.deepEqual(codes(gw('number: 80, protocol: HTTP')), ['7 missing-required']);
});

test("a misspelt container image: unknown-field alone, not the API server's Required value", () => {
  const deploy = (image: string) => deployment('shop', 'web').replace('image: example/web', image);
  assert.deepEqual(codes(deploy('imagee: nginx')), ['11 unknown-field']);
  assert.deepEqual(codes(deploy('imagePullPolicy: Always')), ['10 k8s-validation']);
});

test('an env var written under envFrom: unknown-field on its keys, not also "must specify one of"', () => {
  const dep = (entry: string) =>
    deployment('shop', 'web').replace(
      'image: example/web\n',
      `image: example/web\n        envFrom:\n${entry}`,
    );
  const misplaced = dep(
    '        - configMapRef: {name: shop}\n        - name: MODE\n          value: fast\n',
  );
  assert.deepEqual(
    codes(misplaced).filter((c) => !c.endsWith('unknown-field')),
    [],
  );
  assert.ok(codes(misplaced).some((c) => c.endsWith('unknown-field')));
  // An entry with no source and no misplaced key is the API server's finding.
  assert.deepEqual(codes(dep('        - prefix: X_\n')), ['13 k8s-validation']);
});
