// Extension provider names (util/extension-providers.ts): a CUSTOM AuthorizationPolicy's provider and a
// Telemetry's providers one slip from a provider the workspace defines (its IstioOperators', its istiod
// ConfigMaps', Istio's defaults) are misspelt; a name unlike all of them is defined where the repository
// does not show (`istioctl install --set`, an edited ConfigMap) and proves nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runAnalyzer } from './run-analyzer';

const iop = (name: string) => `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata: {name: control-plane, namespace: istio-system}
spec:
  meshConfig:
    extensionProviders:
    - name: ${name}
      envoyExtAuthzGrpc: {service: ext-authz.foo.svc.cluster.local, port: 9000}
`;
const configMap = (name: string) => `apiVersion: v1
kind: ConfigMap
metadata: {name: istio, namespace: istio-system}
data:
  mesh: |-
    extensionProviders:
    - name: ${name}
      envoyExtAuthzHttp: {service: ext-authz.foo.svc.cluster.local, port: 8000}
`;
const custom = (provider: string, action = 'CUSTOM') => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ext-authz, namespace: foo}
spec:
  action: ${action}
  provider: {name: ${provider}}
  rules: [{to: [{operation: {paths: ["/headers"]}}]}]
`;
const telemetry = (logs: string, traces: string) => `apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: mesh-default, namespace: istio-system}
spec:
  accessLogging: [{providers: [{name: ${logs}}]}]
  tracing: [{providers: [{name: ${traces}}]}]
`;

const found = (analyzer: string, files: Record<string, string>) =>
  runAnalyzer(analyzer, files)
    .filter((f) => f.code === 'IST0101')
    .map((f) => `${f.message} @${f.text}`);

test("a CUSTOM policy's provider one slip from an extension provider of the workspace is misspelt", () => {
  const ap = 'auth.AuthorizationPoliciesAnalyzer';
  const slipped = ['Referenced extension provider not found: "ext-authz-grcp" @ext-authz-grcp'];
  // Defined by an IstioOperator, or by istiod's ConfigMap, also beside another that differs (alternatives).
  assert.deepEqual(found(ap, { i: iop('ext-authz-grpc'), a: custom('ext-authz-grcp') }), slipped);
  assert.deepEqual(found(ap, { c: configMap('ext-authz-grpc'), a: custom('ext-authz-grcp') }), slipped);
  assert.deepEqual(
    found(ap, {
      i: iop('ext-authz-grpc'),
      j: iop('oauth2-proxy').replace('control-plane', 'x'),
      a: custom('ext-authz-grcp'),
    }),
    slipped,
  );
  // Defined, unlike any (added apart), a numbered sibling, or no CUSTOM action (the webhook's matter).
  assert.deepEqual(found(ap, { i: iop('ext-authz-grpc'), a: custom('ext-authz-grpc') }), []);
  assert.deepEqual(found(ap, { i: iop('ext-authz-grpc'), a: custom('opa') }), []);
  assert.deepEqual(found(ap, { i: iop('ext-authz-1'), a: custom('ext-authz-2') }), []);
  assert.deepEqual(found(ap, { i: iop('ext-authz-grpc'), a: custom('ext-authz-grcp', 'DENY') }), []);
});

test("a Telemetry's provider one slip from an extension provider, Istio's defaults included, is misspelt", () => {
  const tp = 'telemetry.ProviderAnalyzer';
  assert.deepEqual(found(tp, { t: telemetry('envoyy', 'zipkin') }), [
    'Referenced extension provider not found: "envoyy" @envoyy',
  ]);
  assert.deepEqual(found(tp, { c: configMap('otel-tracing'), t: telemetry('envoy', 'otel-tracng') }), [
    'Referenced extension provider not found: "otel-tracng" @otel-tracng',
  ]);
  assert.deepEqual(found(tp, { c: configMap('otel-tracing'), t: telemetry('envoy', 'otel-tracing') }), []);
});
