// A reference written as a placeholder (`${GATEWAY}`, `<subset>`) names what a substitution decides
// before apply: the workspace cannot prove it missing, so its "not found" is information, with the note
// the per-document rules give the same value. A real name in its place is still reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runAnalyzer } from './run-analyzer';

const gateways = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: main-gw, namespace: edge}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["shop.example.com"]
`;
const vs = (gateway: string, host = 'shop.example.com', subset = 'v1') => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: shop}
spec:
  hosts: ["${host}"]
  gateways: ["${gateway}"]
  http:
  - route:
    - destination: {host: web, subset: "${subset}"}
`;
const dr = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: web, namespace: shop}
spec:
  host: web
  subsets:
  - {name: v1, labels: {version: v1}}
`;
const found = (analyzer: string, files: Record<string, string>) =>
  runAnalyzer(analyzer, files).map((f) => `${f.code}:${f.severity}:${f.text}`);
const GW = 'virtualservice.GatewayAnalyzer';
const SUBSETS = 'virtualservice.DestinationRuleAnalyzer';

test('a gateway reference written as a placeholder: information, a real name an error', () => {
  for (const ref of ['edge/${GATEWAY}', 'edge/<gateway-name>', 'edge/$GATEWAY'])
    assert.deepEqual(
      found(GW, { g: gateways, v: vs(ref) }),
      [`IST0101:3:"${ref}"`, `IST0132:3:"${ref}"`],
      ref,
    );
  assert.deepEqual(found(GW, { g: gateways, v: vs('edge/mian-gw') }), [
    'IST0101:1:"edge/mian-gw"',
    'IST0132:2:"edge/mian-gw"',
  ]);
});

test('a VirtualService host written as a placeholder may be any host the gateway serves', () => {
  assert.deepEqual(found(GW, { g: gateways, v: vs('edge/main-gw', '${SHOP_HOST}') }), []);
  assert.deepEqual(found(GW, { g: gateways, v: vs('edge/main-gw', 'blog.example.com') }), [
    'IST0132:2:"edge/main-gw"',
  ]);
});

test('a subset written as a placeholder: information', () => {
  assert.deepEqual(found(SUBSETS, { d: dr, v: vs('mesh', 'web', '<subset>') }), ['IST0101:3:"<subset>"']);
  assert.deepEqual(found(SUBSETS, { d: dr, v: vs('mesh', 'web', 'v2') }), ['IST0101:1:"v2"']);
});

test('a Gateway host written as a placeholder (Flux postBuild, envsubst, template) may serve any VirtualService host', () => {
  const gatewayServing = (host: string) => gateways.replace('"shop.example.com"', `"${host}"`);
  for (const host of ['*.${CLUSTER_DOMAIN}', '*.{{ .Values.project.domain }}', '*.__DOMAIN__'])
    assert.deepEqual(
      found(GW, { g: gatewayServing(host), v: vs('edge/main-gw', 'shop.example.com') }),
      [],
      host,
    );
  assert.deepEqual(
    found(GW, { g: gatewayServing('*.example.org'), v: vs('edge/main-gw', 'shop.example.com') }),
    ['IST0132:2:"edge/main-gw"'],
  );
  const k8sGateway = (hostname: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: main-gw, namespace: edge}
spec:
  gatewayClassName: istio
  listeners:
  - {name: http, port: 80, protocol: HTTP, hostname: "${hostname}"}
`;
  assert.deepEqual(found(GW, { g: k8sGateway('*.${CLUSTER_DOMAIN}'), v: vs('edge/main-gw') }), []);
  assert.deepEqual(found(GW, { g: k8sGateway('*.example.org'), v: vs('edge/main-gw') }), [
    'IST0132:2:"edge/main-gw"',
  ]);
});

test('a gateway credential whose certificate is written as a placeholder (SOPS, postBuild) is not invalid', () => {
  const gateway = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: main, namespace: istio-ingress}
spec:
  selector: {istio: ingress}
  servers:
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["*.example.com"]
    tls: {mode: SIMPLE, credentialName: wildcard-tls}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ingress, namespace: istio-ingress}
spec:
  selector: {matchLabels: {istio: ingress}}
  template:
    metadata: {labels: {istio: ingress}}
    spec: {containers: [{name: istio-proxy, image: auto}]}
`;
  const secret = (data: string) => `apiVersion: v1
kind: Secret
metadata: {name: wildcard-tls, namespace: istio-ingress}
type: kubernetes.io/tls
${data}
`;
  const sops = (v: string) => `ENC[AES256_GCM,data:${v},iv:aXY=,tag:dGFn,type:str]`;
  for (const data of [
    `data: {tls.crt: "${sops('Y3J0')}", tls.key: "${sops('a2V5')}"}`,
    'stringData: {tls.crt: "${WILDCARD_CRT}", tls.key: "${WILDCARD_KEY}"}',
    'data: {tls.crt: "<base64-certificate>", tls.key: "<base64-key>"}',
    // The elided certificate of a demo ("replace with the real one"): the value left out replaces it.
    'data: {tls.crt: "LS0tLS1CRUdJTi...", tls.key: "LS0tLS1CRUdJTi..."}',
    'data: {tls.crt: "LS0tLS1CRUdJTiBDRVJU\u2026", tls.key: "LS0t...LS0K"}',
  ])
    assert.deepEqual(found('gateway.SecretAnalyzer', { g: gateway, s: secret(data) }), [], data);
  assert.deepEqual(
    found('gateway.SecretAnalyzer', {
      g: gateway,
      s: secret('stringData: {tls.crt: "not a certificate", tls.key: "not a key"}'),
    }),
    ['IST0161:1:wildcard-tls'],
  );
});
