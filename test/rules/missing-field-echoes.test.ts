// A required field left out is one mistake, reported once (missing-required): the CRD's structural schema
// refuses the object before Istio's validating webhook runs, so what the webhook would say of the map
// lacking it (IST0106 "port name must be set", "duplicate name" on each other nameless port, 'invalid
// protocol ""') is not reported. Its findings on values, and on maps that lack nothing, stand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { testEnv } from '../helpers/env';
import { Severity } from '../../server/src/engine/model/diagnostic';

const codes = (yaml: string) =>
  checkFile(parseFile('file:///t.yaml', yaml), testEnv())
    .filter((d) => d.severity !== Severity.Information)
    .map((d) => `${d.range.start.line + 1} ${d.code}`)
    .sort();

const gateway = (...ports: string[]) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: gw, namespace: shop}
spec:
  selector: {istio: ingressgateway}
  servers:
${ports.map((p) => `  - port: {${p}}\n    hosts: ["*.example.com"]\n`).join('')}`;

test('Gateway ports without a name: missing-required on each, not the webhook\'s "must be set" and "duplicate name"', () => {
  assert.deepEqual(codes(gateway('number: 80, protocol: HTTP', 'number: 8080, protocol: TCP')), [
    '7 missing-required',
    '9 missing-required',
  ]);
  // Without protocol: missing-required, not 'invalid protocol ""'.
  assert.deepEqual(codes(gateway('number: 80, name: http')), ['7 missing-required']);
  // Named ports that repeat a name lack nothing: the webhook's finding stands.
  assert.deepEqual(
    codes(gateway('number: 80, name: http, protocol: HTTP', 'number: 81, name: http, protocol: HTTP')),
    ['9 IST0106'],
  );
  // A wrong value in a map that lacks a field is its own mistake.
  assert.deepEqual(codes(gateway('number: 80, protocol: HTTPX')), ['7 IST0106', '7 missing-required']);
});

test('a ServiceEntry port without a name: missing-required, not "invalid port name"', () => {
  const entry = (port: string) => `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: ext, namespace: shop}
spec:
  hosts: [api.example.com]
  ports:
  - {${port}}
  resolution: DNS
`;
  assert.deepEqual(codes(entry('number: 443, protocol: TLS')), ['7 missing-required']);
  assert.deepEqual(codes(entry('number: 443, name: tls, protocol: TLS')), []);
});

test("a required field written without a value: missing-required, not the webhook's word on the empty value", () => {
  const service = (host: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: shop}
spec:
  hosts: [web.example.com]
  http:
  - route:
    - destination:
        host:${host}
`;
  // The API server drops the null before validating: the field is missing, once.
  assert.deepEqual(codes(service('')), ['8 missing-required']);
  assert.deepEqual(codes(service(' null')), ['8 missing-required']);
  // An empty string is a value: the webhook's "empty domain name" is the one finding.
  assert.deepEqual(codes(service(' ""')), ['9 IST0106']);
});
