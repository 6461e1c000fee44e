// go-yaml decodes a repeated key to its last value, so Kubernetes and Istio read the last one: two
// objects run together in one document (a comment block where the `---` should be) are the second
// object. duplicate-key reports each repeat; the header, the schema and Istio's webhook read the
// object as decoded, so the first object's spec is not judged against the second's kind, nor the
// second's against the first's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { testEnv } from '../helpers/env';
import { Severity } from '../../server/src/engine/model/diagnostic';

const check = (yaml: string) => {
  const parsed = parseFile('file:///t.yaml', yaml);
  const found = checkFile(parsed, testEnv())
    .filter((d) => d.severity !== Severity.Information)
    .map((d) => `${d.range.start.line + 1} ${d.code}`)
    .sort();
  return { found, header: parsed.docs[0]?.resource };
};

const GATEWAY = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: web-gateway
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*"]
`;
const VIRTUAL_SERVICE = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: web
spec:
  hosts: ["*"]
  gateways: [web-gateway]
  http:
  - route:
    - destination: {host: web}
`;

test('a Gateway and a VirtualService without `---` between them: the VirtualService, four repeats', () => {
  const { found, header } = check(GATEWAY + '# the route\n' + VIRTUAL_SERVICE);
  assert.equal(header?.kind, 'VirtualService');
  assert.equal(header?.name, 'web');
  assert.deepEqual(found, ['11 duplicate-key', '12 duplicate-key', '13 duplicate-key', '15 duplicate-key']);
});

test('the same objects with the separator: nothing to report', () => {
  assert.deepEqual(check(GATEWAY + '---\n' + VIRTUAL_SERVICE).found, []);
});

test('a mistake in the value that wins is still reported; one in the value that loses is the repeat', () => {
  const lastBad = GATEWAY + VIRTUAL_SERVICE.replace('  hosts: ["*"]', '  hostz: ["*"]');
  assert.ok(check(lastBad).found.includes('15 unknown-field'));
  const firstBad = GATEWAY.replace('  selector:', '  selectr:') + VIRTUAL_SERVICE;
  assert.deepEqual(check(firstBad).found, [
    '10 duplicate-key',
    '11 duplicate-key',
    '12 duplicate-key',
    '14 duplicate-key',
  ]);
});

test('a repeated nested key: the last value is validated', () => {
  const yaml = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: web}
spec:
  host: web
  trafficPolicy:
    tls: {mode: BOGUS}
  trafficPolicy:
    tls: {mode: ISTIO_MUTUAL}
`;
  assert.deepEqual(check(yaml).found, ['8 duplicate-key']);
  const lastBad = yaml.replace('ISTIO_MUTUAL', 'BOGUS2').replace('{mode: BOGUS}', '{mode: DISABLE}');
  assert.ok(
    check(lastBad).found.some((f) => f.startsWith('9 ')),
    check(lastBad).found.join(),
  );
});
