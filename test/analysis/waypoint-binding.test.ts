// Ambient references to a waypoint: an istio.io/use-waypoint label (conditions.ConditionAnalyzer, what istiod
// writes as WaypointBound=False) and a Telemetry's targetRefs (telemetry.SelectorAnalyzer) naming a
// waypoint that does not exist are IST0101 when the name is one slip from a Gateway of the workspace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runAnalyzer } from './run-analyzer';

const waypoint = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: payments-waypoint
  namespace: payments
  labels: {istio.io/waypoint-for: service}
spec:
  gatewayClassName: istio-waypoint
  listeners:
  - {name: mesh, port: 15008, protocol: HBONE}
`;
const service = (label: string) => `apiVersion: v1
kind: Service
metadata:
  name: checkout
  namespace: payments
  labels: {istio.io/use-waypoint: ${label}}
spec:
  ports:
  - {name: http, port: 8080}
`;
const namespace = (label: string) =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: payments\n  labels:\n    istio.io/dataplane-mode: ambient\n    istio.io/use-waypoint: ${label}\n`;
const telemetry = (target: string) => `apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: logs, namespace: payments}
spec:
  targetRefs:
  - {kind: Gateway, group: gateway.networking.k8s.io, name: ${target}}
  accessLogging:
  - providers: [{name: envoy}]
`;

const conditions = (files: Record<string, string>) =>
  runAnalyzer('conditions.ConditionAnalyzer', files).map((f) => `${f.code} ${f.text}: ${f.message}`);

test('use-waypoint: a label one slip from the waypoint of its namespace binds to nothing', () => {
  assert.deepEqual(conditions({ w: waypoint, s: service('payment-waypoint') }), [
    'IST0101 payment-waypoint: Referenced waypoint not found: "payments/payment-waypoint"',
  ]);
  assert.deepEqual(conditions({ w: waypoint, n: namespace('payments-waypiont') }), [
    'IST0101 payments-waypiont: Referenced waypoint not found: "payments/payments-waypiont"',
  ]);
});

test('use-waypoint: the waypoint itself, none, or one unlike any of the workspace (made apart) is silent', () => {
  assert.deepEqual(conditions({ w: waypoint, s: service('payments-waypoint') }), []);
  assert.deepEqual(conditions({ w: waypoint, s: service('none') }), []);
  assert.deepEqual(conditions({ s: service('waypoint') }), []);
  assert.deepEqual(conditions({ w: waypoint, s: service('shared') }), []);
});

test('Telemetry targetRefs: a waypoint one slip from one of the workspace', () => {
  const run = (target: string) =>
    runAnalyzer('telemetry.SelectorAnalyzer', { w: waypoint, t: telemetry(target) }).map(
      (f) => `${f.code} ${f.text}: ${f.message}`,
    );
  assert.deepEqual(run('payments-waypont'), [
    'IST0101 payments-waypont: Referenced gateway not found: "payments-waypont"',
  ]);
  assert.deepEqual(run('payments-waypoint'), []);
  assert.deepEqual(run('ingress'), []);
});
