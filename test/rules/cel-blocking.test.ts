// The API server skips a custom resource's CEL rules when its schema validation found an enum,
// required, type or max-bound error (apiextensions' hasBlockingErr): one misspelt enum value is one
// error, not also the CEL rule restating the enum. Rules whose subject holds no such error still run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { testEnv } from '../helpers/env';

const codes = (yaml: string) =>
  checkFile(parseFile('file:///t.yaml', yaml), testEnv()).map((d) => `${d.range.start.line + 1} ${d.code}`);

const route = (type: string, other: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: shop}
spec:
  parentRefs:
  - name: public
  rules:
  - matches:
    - path:
        type: ${type}
        value: /pay
    - path:
        type: PathPrefix
        value: ${other}
    backendRefs:
    - name: web
      port: 8080
`;

test('CEL: a misspelt enum value is the schema error alone', () => {
  assert.deepEqual(codes(route('Prefix', '/shop')), ['10 invalid-enum']);
  assert.deepEqual(codes(route('PathPrefix', '/shop')), []);
});

test('CEL: a rule whose subject holds no blocking error still runs beside one', () => {
  assert.deepEqual(codes(route('Prefix', 'shop')), ['10 invalid-enum', '12 cel-validation']);
});

test('CEL: a too-long value blocks the rules of its object', () => {
  const listener = (name: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: shop}
spec:
  gatewayClassName: istio
  listeners:
  - name: ${name}
    port: 80
    protocol: HTTP
    tls: {mode: Terminate, certificateRefs: [{name: cert}]}
`;
  assert.deepEqual(codes(listener('http')), ['6 cel-validation']);
  assert.deepEqual(codes(listener('h'.repeat(300))), ['7 invalid-value']);
});
