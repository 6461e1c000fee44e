// Where Istio Lens deliberately differs from `istioctl analyze` (README, "Differences from istioctl"):
// both hold in assume-complete mode too, where istioctl reports them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runAnalyzer } from './run-analyzer';

const gatewayStack = (serverPort: number, protocolLine: string) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: local
  namespace: edge
spec:
  selector:
    app: local-gw
  servers:
  - port:
      number: ${serverPort}
      name: http
      protocol: HTTP
    hosts: ["*"]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: local-gw
  namespace: edge
spec:
  selector:
    matchLabels:
      app: local-gw
  template:
    metadata:
      labels:
        app: local-gw
    spec:
      containers:
      - name: istio-proxy
        image: istio/proxyv2
---
apiVersion: v1
kind: Service
metadata:
  name: local-gw
  namespace: edge
spec:
  selector:
    app: local-gw
  ports:
  - name: http2
    port: 80
    targetPort: 8080
${protocolLine}`;
const PORTS = 'gateway.IngressGatewayPortAnalyzer';
const codes = (fs: { code: string }[]) => fs.map((f) => f.code);

test('Gateway on 80 behind a Service 80→8080 written without protocol (TCP by default) is fine', () => {
  for (const complete of [false, true]) {
    assert.deepEqual(codes(runAnalyzer(PORTS, { a: gatewayStack(80, '') }, { complete })), []);
    assert.deepEqual(codes(runAnalyzer(PORTS, { a: gatewayStack(8080, '') }, { complete })), []);
    assert.deepEqual(codes(runAnalyzer(PORTS, { a: gatewayStack(81, '') }, { complete })), ['IST0162']);
    // A UDP port is no gateway port: the finding stays.
    assert.deepEqual(
      codes(runAnalyzer(PORTS, { a: gatewayStack(80, '    protocol: UDP\n') }, { complete })),
      ['IST0162'],
    );
  }
});

const dr = (host: string) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: all
  namespace: shop
spec:
  host: "${host}"
  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
`;
const svc = (name: string, ns: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  ports:\n  - port: 80\n`;
const DR = 'destinationrule.SubsetSelectPodAnalyzer';

test('a wildcard DestinationRule host matches the Services it covers', () => {
  for (const complete of [false, true]) {
    const files = { dr: dr('*.shop.svc.cluster.local'), s: svc('cart', 'shop') };
    assert.deepEqual(codes(runAnalyzer(DR, files, { complete })), []);
  }
  // Covering nothing: only the whole cluster proves it.
  const elsewhere = { dr: dr('*.shop.svc.cluster.local'), s: svc('cart', 'other') };
  assert.deepEqual(codes(runAnalyzer(DR, elsewhere, { complete: true })), ['IST0174']);
  assert.deepEqual(codes(runAnalyzer(DR, elsewhere)), []);
  // A plain host is still checked.
  assert.deepEqual(
    codes(runAnalyzer(DR, { dr: dr('carts.shop.svc.cluster.local'), s: svc('cart', 'shop') })),
    ['IST0174'],
  );
});

const originate = (extra = '') => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: originate
  namespace: shop
spec:
  host: api.example.com
  trafficPolicy:
    tls:
      mode: SIMPLE${extra}
    portLevelSettings:
    - port: {number: 443}
      tls:
        mode: SIMPLE${extra.replace(/\n {6}/g, '\n        ')}
`;
const CA = 'destinationrule.CaCertificateAnalyzer';
const levels = (fs: { code: string; severity: number }[]) => fs.map((f) => `${f.code}:${f.severity}`).sort();

test('TLS origination without caCertificates: information from Istio 1.20 on (OS CA bundle), a warning before', () => {
  for (const complete of [false, true]) {
    const now = runAnalyzer(CA, { dr: originate() }, { complete });
    assert.deepEqual(levels(now), ['IST0128:3', 'IST0129:3']);
    assert.ok(now.every((f) => f.message.includes('VERIFY_CERTIFICATE_AT_CLIENT')));
    assert.deepEqual(levels(runAnalyzer(CA, { dr: originate() }, { complete, istioVersion: '1.19' })), [
      'IST0128:2',
      'IST0129:2',
    ]);
  }
  // insecureSkipVerify turns the verification off: then Istio's warning is true again.
  const skip = runAnalyzer(CA, { dr: originate('\n      insecureSkipVerify: true') });
  assert.deepEqual(levels(skip), ['IST0128:2', 'IST0129:2']);
});
