// A Gateway written for one API under the other's apiVersion (Istio's networking.istio.io Gateway, the
// Kubernetes Gateway API's gateway.networking.k8s.io Gateway): its unknown spec fields are the other API's,
// and unknown-field says so, naming the apiVersion, instead of listing the fields allowed here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runOn } from '../helpers/ruleTester';
import { ALL_RULES } from '../../server/src/engine/rules';

const unknown = (yaml: string) =>
  runOn(ALL_RULES, yaml)
    .diagnostics.filter((d) => d.code === 'unknown-field')
    .map((d) => d.message);

test("a Gateway API Gateway's fields under Istio's apiVersion", () => {
  const yaml =
    'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: g, namespace: x}\nspec:\n  gatewayClassName: istio\n  listeners:\n  - {name: http, port: 80, protocol: HTTP}\n';
  assert.deepEqual(unknown(yaml), [
    'Unknown field `gatewayClassName` in spec: it is a field of gateway.networking.k8s.io/v1 Gateway, not of networking.istio.io/v1 Gateway (is the apiVersion meant to be gateway.networking.k8s.io/v1?)',
    'Unknown field `listeners` in spec: it is a field of gateway.networking.k8s.io/v1 Gateway, not of networking.istio.io/v1 Gateway (is the apiVersion meant to be gateway.networking.k8s.io/v1?)',
  ]);
});

test("Istio's Gateway fields under the Gateway API's apiVersion; a slip is still a slip", () => {
  const yaml =
    'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: g, namespace: x}\nspec:\n  selector: {istio: ingressgateway}\n  servers: []\n  listener: []\n';
  assert.deepEqual(unknown(yaml), [
    'Unknown field `selector` in spec: it is a field of networking.istio.io/v1 Gateway, not of gateway.networking.k8s.io/v1 Gateway (is the apiVersion meant to be networking.istio.io/v1?)',
    'Unknown field `servers` in spec: it is a field of networking.istio.io/v1 Gateway, not of gateway.networking.k8s.io/v1 Gateway (is the apiVersion meant to be networking.istio.io/v1?)',
    'Unknown field `listener` in spec; did you mean `listeners`?',
  ]);
});

test("a spec with fields only this API has is this API's, with a stray field: no apiVersion suggested", () => {
  const yaml =
    'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: g, namespace: x}\nspec:\n  gatewayClassName: istio\n  servers: []\n  listeners:\n  - {name: http, port: 80, protocol: HTTP}\n';
  assert.deepEqual(
    unknown(yaml).map((m) => m.replace(/Allowed here: .*/, 'Allowed here: …')),
    ['Unknown field `servers` in spec. Allowed here: …'],
  );
});
