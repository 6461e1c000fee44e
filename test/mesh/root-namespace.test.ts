// MeshConfig.rootNamespace, read once (mesh/rootNamespace.ts) by every analyzer: Istio's default when the
// config leaves it out, and as given otherwise; an empty one makes no namespace the root, as Istio's
// analyzers and istiod's ProxyConfig resolution read it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyMeshConfig, defaultMeshConfig, rootNamespaceOf } from '../../server/src/engine/mesh';
import { runAnalyzer } from '../analysis/run-analyzer';

test('the root namespace: the default, an override, an explicit empty value, a null one', () => {
  assert.equal(rootNamespaceOf(defaultMeshConfig()), 'istio-system');
  assert.equal(rootNamespaceOf(applyMeshConfig({ rootNamespace: 'mesh-root' })), 'mesh-root');
  assert.equal(rootNamespaceOf(applyMeshConfig({ rootNamespace: '' })), '');
  // YAML `rootNamespace:` is null: protojson leaves the default.
  assert.equal(rootNamespaceOf(applyMeshConfig({ rootNamespace: null })), 'istio-system');
  assert.equal(rootNamespaceOf({}), 'istio-system');
  assert.equal(rootNamespaceOf(undefined), 'istio-system');
});

const proxyConfig = `apiVersion: networking.istio.io/v1beta1
kind: ProxyConfig
metadata:
  name: mesh-wide
  namespace: istio-system
spec:
  image:
    imageType: distroless
`;
const injector = `apiVersion: v1
kind: ConfigMap
metadata:
  name: istio-sidecar-injector
  namespace: istio-system
data:
  values: '{"global":{"hub":"docker.io/istio","tag":"1.30.0","proxy":{"image":"proxyv2"}}}'
`;
const shop = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    istio-injection: enabled
---
apiVersion: v1
kind: Pod
metadata:
  name: a
  namespace: shop
spec:
  containers:
  - name: istio-proxy
    image: docker.io/istio/proxyv2:1.30.0-distroless
`;

test('injection.ImageAnalyzer: the root namespace ProxyConfig is mesh-wide, unless no namespace is the root', () => {
  const files = { proxyConfig, injector, shop };
  const run = (meshConfig?: Record<string, unknown>) =>
    runAnalyzer('injection.ImageAnalyzer', files, { meshConfig }).map((f) => f.code);
  assert.deepEqual(run(), []);
  assert.deepEqual(run({ rootNamespace: 'mesh-root' }), ['IST0158']);
  assert.deepEqual(run({ rootNamespace: '' }), ['IST0158']);
});

test('auth.AuthorizationPoliciesAnalyzer: a policy in istio-system is mesh-wide only while it is the root', () => {
  const policy = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: all
  namespace: istio-system
spec:
  selector:
    matchLabels:
      app: web
`;
  const web = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
  labels:
    app: web
spec:
  containers:
  - name: web
    image: web
  - name: istio-proxy
    image: docker.io/istio/proxyv2
---
apiVersion: v1
kind: Pod
metadata:
  name: tools
  namespace: istio-system
  labels:
    app: tools
spec:
  containers:
  - name: tools
    image: tools
`;
  const run = (meshConfig?: Record<string, unknown>) =>
    runAnalyzer('auth.AuthorizationPoliciesAnalyzer', { policy, web }, { meshConfig, complete: true }).map(
      (f) => f.code,
    );
  assert.deepEqual(run(), []);
  assert.deepEqual(run({ rootNamespace: '' }), ['IST0127']);
});

test("virtualservice.JWTClaimRouteAnalyzer: the root namespace's RequestAuthentication covers the gateway", () => {
  const files = {
    gw: `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: web
  namespace: shop
spec:
  selector: {istio: edge}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*"]
`,
    vs: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: claims
  namespace: shop
spec:
  hosts: ["*"]
  gateways: [web]
  http:
  - match:
    - headers:
        "@request.auth.claims.group": {exact: admin}
    route:
    - destination: {host: admin}
`,
    pod: `apiVersion: v1
kind: Pod
metadata:
  name: edge
  namespace: edge
  labels: {istio: edge}
spec:
  containers:
  - name: istio-proxy
    image: docker.io/istio/proxyv2
`,
    ra: `apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata:
  name: jwt
  namespace: mesh-root
spec:
  jwtRules:
  - issuer: https://issuer.example.com
`,
  };
  const run = (meshConfig?: Record<string, unknown>) =>
    runAnalyzer('virtualservice.JWTClaimRouteAnalyzer', files, { meshConfig }).map((f) => f.code);
  assert.deepEqual(run({ rootNamespace: 'mesh-root' }), []);
  assert.deepEqual(run(), ['IST0149']);
  // Without any RequestAuthentication, the gateway's is applied apart: unknown without the whole cluster.
  const withoutRa = Object.fromEntries(Object.entries(files).filter(([k]) => k !== 'ra'));
  const codes = (complete: boolean) =>
    runAnalyzer('virtualservice.JWTClaimRouteAnalyzer', withoutRa, { complete }).map((f) => f.code);
  assert.deepEqual(codes(false), []);
  assert.deepEqual(codes(true), ['IST0149']);
});
