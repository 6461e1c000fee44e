// gateway.ConflictingGatewayAnalyzer (IST0145): Gateways on one selector and port conflict only when they
// serve one host (with one bind). Istio's analyzer adds the hosts it checked to the other Gateway's set, so a
// Gateway with two servers on one port (HTTP and HTTP2 on 80, as JHipster generates them) "conflicted" with
// every other Gateway on that port; Istio merges such servers by host, and distinct hosts never collide.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runAnalyzer } from './run-analyzer';

const CONFLICTS = 'gateway.ConflictingGatewayAnalyzer';
const gw = (name: string, host: string, ports: Array<[string, string]>) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: ${name}
spec:
  selector: {istio: ingressgateway}
  servers:
${ports.map(([pname, protocol]) => `  - port: {number: 80, name: ${pname}, protocol: ${protocol}}\n    hosts: ["${host}"]\n`).join('')}`;
const HTTP_AND_HTTP2: Array<[string, string]> = [
  ['http', 'HTTP'],
  ['http2', 'HTTP2'],
];
const codes = (files: Record<string, string>) =>
  runAnalyzer(CONFLICTS, files, { complete: true })
    .map((f) => `${f.code} ${f.resource}`)
    .sort();

describe('IST0145: Gateways on one port with distinct hosts', () => {
  it('Gateways with HTTP and HTTP2 servers on port 80 for their own hosts do not conflict', () => {
    assert.deepEqual(
      codes({
        'k8s/grafana-gateway.yml': gw('grafana', 'grafana.example.com', HTTP_AND_HTTP2),
        'k8s/kiali-gateway.yml': gw('kiali', 'kiali.example.com', HTTP_AND_HTTP2),
        'k8s/store-gateway.yml': gw('store', 'store.example.com', HTTP_AND_HTTP2),
      }),
      [],
    );
  });

  it('the same host on the same port still conflicts, whichever server of the other Gateway serves it', () => {
    assert.deepEqual(
      codes({
        'k8s/store-gateway.yml': gw('store', 'store.example.com', HTTP_AND_HTTP2),
        'k8s/shop-gateway.yml': `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: shop
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["store.example.com"]
  - port: {number: 80, name: http-other, protocol: HTTP}
    hosts: ["other.example.com"]
`,
      }),
      ['IST0145 Gateway shop', 'IST0145 Gateway store', 'IST0145 Gateway store'],
    );
  });
});
