// envsubst templates applied with `envsubst < f.yaml | kubectl apply -f -`: a line that is only a
// placeholder stands for YAML lines the script substitutes (`  ${GW_ADDRESSES_YAML}`), and an apiVersion
// may be one (`gateway.networking.k8s.io/${REFERENCE_GRANT_API_VERSION}`). Neither is an error of what is
// applied: information, and the rest of the file is checked as written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { Severity } from '../../server/src/engine/model/diagnostic';
import { testEnv } from '../helpers/env';

const check = (yaml: string) =>
  checkFile(parseFile('file:///t.yaml', yaml), testEnv()).map((d) => ({
    code: d.code,
    severity: d.severity,
    line: d.range.start.line,
    width: d.range.end.character - d.range.start.character,
  }));

const gateway = (block: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: gw
  namespace: gwapi
spec:
  gatewayClassName: istio
${block}
  listeners:
  - name: http
    port: eighty
    protocol: HTTP
`;

test('a line holding only an envsubst placeholder: information, and the document is still validated', () => {
  const found = check(gateway('  ${GW_ADDRESSES_YAML}'));
  assert.deepEqual(
    found.filter((d) => d.code === 'yaml-syntax'),
    [{ code: 'yaml-syntax', severity: Severity.Information, line: 7, width: '${GW_ADDRESSES_YAML}'.length }],
  );
  // The listeners are read: a port that is no number is still an error.
  assert.ok(
    found.some((d) => d.severity === Severity.Error && d.line === 10),
    JSON.stringify(found),
  );
  // At the start of a line inside a block (`$VAR` too), likewise.
  const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: gw, namespace: gwapi}
spec:
  selector: {matchLabels: {app: gw}}
  template:
    metadata: {labels: {app: gw}}
    spec:
      containers:
      - name: istio-proxy
        image: auto
$HOST_NETWORK_YAML
      serviceAccountName: gw
`;
  assert.deepEqual(
    check(deployment).map((d) => [d.code, d.severity, d.line]),
    [['yaml-syntax', Severity.Information, 11]],
  );
});

test('a placeholder line in a file that parses, or a broken file without one: nothing changes', () => {
  // In a block scalar the line is text: no finding.
  const script = `apiVersion: v1
kind: ConfigMap
metadata: {name: run, namespace: gwapi}
data:
  run.sh: |
    set -e
    \${COMMAND}
`;
  assert.deepEqual(check(script), []);
  // A line that is more than a placeholder is YAML as written, and its error stays one.
  const broken = gateway('  ${GW_ADDRESSES_YAML} extra');
  assert.deepEqual(
    check(broken)
      .filter((d) => d.code === 'yaml-syntax')
      .map((d) => d.severity),
    [Severity.Error],
  );
});

test('an apiVersion whose version is a placeholder: not validated, no unserved-version error', () => {
  const grant = (apiVersion: string) => `apiVersion: ${apiVersion}
kind: ReferenceGrant
metadata: {name: auto, namespace: auto}
spec:
  from:
  - {group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: gwapi}
  to:
  - {group: "", kind: Service}
`;
  assert.deepEqual(
    check(grant('gateway.networking.k8s.io/${REFERENCE_GRANT_API_VERSION}')).map((d) => [d.code, d.severity]),
    [['unknown-kind', Severity.Information]],
  );
  // A version no release served stays the API server's rejection.
  assert.deepEqual(
    check(grant('gateway.networking.k8s.io/v2')).map((d) => [d.code, d.severity]),
    [['unserved-version', Severity.Error]],
  );
  // A served version is validated as written.
  assert.deepEqual(check(grant('gateway.networking.k8s.io/v1')), []);
});
