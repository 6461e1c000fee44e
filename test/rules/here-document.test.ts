// A shell here-document saved as a YAML file (a guide's `cat <<EOF | istioctl install -y -f -` above an
// IstioOperator, `EOF` below it): the file is a command, not YAML, so one error says so on its first line,
// and the manifest the command feeds is checked as written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { hereDocuments } from '../../server/src/engine/parse/hereDocument';
import { checkFile } from '../../server/src/engine/check';
import { Severity } from '../../server/src/engine/model/diagnostic';
import { testEnv } from '../helpers/env';

const check = (yaml: string) =>
  checkFile(parseFile('file:///install/iop.yaml', yaml), testEnv()).map((d) => ({
    code: d.code,
    severity: d.severity,
    line: d.range.start.line,
    message: d.message,
  }));

const operator = (port: string) => `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata:
  name: gloo-mesh-istio
  namespace: istio-system
spec:
  profile: minimal
  components:
    ingressGateways:
    - name: istio-ingressgateway
      enabled: true
      k8s:
        service:
          type: LoadBalancer
          ports:
          - port: ${port}
            targetPort: 8443
            name: https
`;

test('a here-document around a manifest: one error on its first line, and the manifest is checked', () => {
  const found = check(`cat << EOF | ./istioctl manifest install -y -f -\n${operator('443')}EOF\n`);
  assert.deepEqual(
    found.map((d) => [d.code, d.severity, d.line]),
    [['yaml-syntax', Severity.Error, 0]],
  );
  assert.match(found[0].message, /here-document, closed by `EOF` on line 20/);
  // The manifest between the lines is read: a port that is no number is reported where it is.
  const bad = check(`cat <<EOF | istioctl install -y -f -\n${operator('https')}EOF\n`);
  assert.deepEqual(
    bad.map((d) => [d.code, d.line]),
    [
      ['yaml-syntax', 0],
      ['invalid-type', 16],
    ],
  );
  // `kubectl apply -f - <<'EOF'` above the manifest, and several documents inside.
  const two = `kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Namespace
metadata:
  name: istio-system
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: x
  namespace: istio-system
data:
  a: b
EOF
`;
  assert.deepEqual(
    check(two).map((d) => [d.code, d.line]),
    [['yaml-syntax', 0]],
  );
});

test('no here-document: a merge key, a key whose value holds `<<`, a script in a block scalar', () => {
  assert.deepEqual(hereDocuments('base: &b {a: 1}\nother:\n  <<: *b\n'), []);
  assert.deepEqual(hereDocuments('run: cat <<EOF\nEOF\n'), []);
  const configMap = `apiVersion: v1
kind: ConfigMap
metadata: {name: run, namespace: default}
data:
  run.sh: |
    cat <<EOF | kubectl apply -f -
    EOF
`;
  assert.deepEqual(check(configMap), []);
  // An opening line never closed is a command line as any other: the parser's error stays.
  const open = check(`cat <<EOF | kubectl apply -f -\n${operator('443')}`);
  assert.ok(open.length > 0 && open.every((d) => d.code === 'yaml-syntax'), JSON.stringify(open));
  assert.ok(!open.some((d) => /here-document/.test(d.message)), JSON.stringify(open));
});

test('a merge-conflict marker is no here-document', () => {
  assert.deepEqual(hereDocuments('<<<<<<< HEAD\na: 1\n=======\na: 2\n>>>>>>> main\nHEAD\n'), []);
});
