// A gateway written without its namespace is looked up in the VirtualService's own. When another
// VirtualService of that namespace, applied beside it, writes the same gateway with the namespace the
// workspace holds it in, the namespace was left out: IST0101, on a partial workspace too, saying where.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkWorkspace } from '../../server/src/engine/checkWorkspace';
import { testEnv } from '../helpers/env';
import { checkFiles } from '../helpers/workspace';

const gateway = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: salon-gateway
  namespace: istio-system
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*"]
`;
const vs = (name: string, gateway: string, ns = 'production') => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  hosts: ["*"]
  gateways: [${gateway}]
  http:
  - route:
    - destination: {host: ${name}}
`;
const missing = (files: Record<string, string>) => checkFiles(files).filter((l) => l.includes('IST0101'));

describe('a gateway written without the namespace its siblings write', () => {
  it('is reported missing, with where the sibling finds it', () => {
    const files = {
      'k8s/gateway.yaml': gateway,
      'k8s/booking.yaml': vs('booking', 'istio-system/salon-gateway'),
      'k8s/frontend.yaml': vs('frontend', 'salon-gateway'),
    };
    assert.deepEqual(missing(files), [
      `k8s/frontend.yaml:8 IST0101 Referenced gateway not found: "salon-gateway" (VirtualService production/booking names it istio-system/salon-gateway: a gateway written without a namespace is looked up in the VirtualService's own (production))`,
    ]);
    const parsed = Object.entries(files).map(([p, t]) => parseFile(`file:///ws/${p}`, t));
    const d = checkWorkspace(parsed, testEnv())
      .get('file:///ws/k8s/frontend.yaml')!
      .find((x) => x.code === 'IST0101')!;
    assert.match(d.message, /VirtualService production\/booking names it istio-system\/salon-gateway/);
    assert.deepEqual(
      d.relatedInformation?.map((r) => [r.uri, r.range.start.line + 1]),
      [['file:///ws/k8s/booking.yaml', 8]],
    );
  });

  it('not when the sibling is of another namespace or the gateway is there', () => {
    // a sibling of staging says nothing of production's lookup (the Gateway applied beside it does: below)
    assert.doesNotMatch(
      missing({
        'k8s/gateway.yaml': gateway,
        'k8s/booking.yaml': vs('booking', 'istio-system/salon-gateway', 'staging'),
        'k8s/frontend.yaml': vs('frontend', 'salon-gateway'),
      }).join('\n'),
      /names it/,
    );
    assert.deepEqual(
      missing({
        'k8s/gateway.yaml': gateway,
        'k8s/local.yaml': gateway.replace('namespace: istio-system', 'namespace: production'),
        'k8s/booking.yaml': vs('booking', 'istio-system/salon-gateway'),
        'k8s/frontend.yaml': vs('frontend', 'salon-gateway'),
      }),
      [],
    );
    // a sibling of another apply (an unrelated directory) shows nothing about this one's
    assert.deepEqual(
      missing({
        'gateway.yaml': gateway,
        'app1/booking.yaml': vs('booking', 'istio-system/salon-gateway').replace(
          '  namespace: production\n',
          '',
        ),
        'app2/frontend.yaml': vs('frontend', 'salon-gateway').replace('  namespace: production\n', ''),
      }),
      [],
    );
  });
});

describe('a gateway written without its namespace, applied beside the Gateway of that name in another', () => {
  it('is reported missing, saying where the apply puts the Gateway', () => {
    const files = { 'k8s/gateway.yaml': gateway, 'k8s/frontend.yaml': vs('frontend', 'salon-gateway') };
    assert.deepEqual(missing(files), [
      `k8s/frontend.yaml:8 IST0101 Referenced gateway not found: "salon-gateway" (the Gateway istio-system/salon-gateway is applied beside it: a gateway written without a namespace is looked up in the VirtualService's own (production); write istio-system/salon-gateway)`,
    ]);
    const parsed = Object.entries(files).map(([p, t]) => parseFile(`file:///ws/${p}`, t));
    const d = checkWorkspace(parsed, testEnv())
      .get('file:///ws/k8s/frontend.yaml')!
      .find((x) => x.code === 'IST0101')!;
    assert.deepEqual(
      d.relatedInformation?.map((r) => [r.uri, r.range.start.line + 1]),
      [['file:///ws/k8s/gateway.yaml', 4]],
    );
  });

  it('not when a namespace is given at apply time, the Gateway is applied apart, or a chart may render one', () => {
    const noNs = (text: string) => text.replace(/ {2}namespace: \S+\n/, '');
    // kubectl apply -n istio-system of the directory puts both in one namespace
    assert.deepEqual(
      missing({ 'k8s/gateway.yaml': gateway, 'k8s/frontend.yaml': noNs(vs('frontend', 'salon-gateway')) }),
      [],
    );
    // the Gateway's namespace is the apply's: the VirtualService's may be it
    assert.deepEqual(
      missing({ 'k8s/gateway.yaml': noNs(gateway), 'k8s/frontend.yaml': vs('frontend', 'salon-gateway') }),
      [],
    );
    // another apply (an unrelated directory) says nothing of what this one holds
    assert.deepEqual(
      missing({ 'infra/gateway.yaml': gateway, 'apps/frontend.yaml': vs('frontend', 'salon-gateway') }),
      [],
    );
    // a chart in the workspace may render a Gateway of that name in production
    assert.deepEqual(
      missing({
        'k8s/gateway.yaml': gateway,
        'k8s/frontend.yaml': vs('frontend', 'salon-gateway'),
        'chart/Chart.yaml': 'apiVersion: v2\nname: salon\nversion: 1.0.0\n',
        'chart/templates/gateway.yaml':
          'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: {{ .Values.gateway }}\n',
      }),
      [],
    );
  });
});

describe('an HTTPRoute parentRef without a namespace, applied beside the Gateway of that name in another', () => {
  const apiGateway = (ns: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: shared
  namespace: ${ns}
spec:
  gatewayClassName: istio
  listeners:
  - name: http
    port: 80
    protocol: HTTP
    allowedRoutes:
      namespaces: {from: All}
`;
  const route = (parentRef: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: web
  namespace: shop
spec:
  parentRefs:
  - ${parentRef}
  rules:
  - backendRefs:
    - name: web
      port: 80
`;
  it('is reported missing, saying which namespace to set', () => {
    assert.deepEqual(
      missing({ 'k8s/gateway.yaml': apiGateway('infra'), 'k8s/route.yaml': route('name: shared') }),
      [
        'k8s/route.yaml:8 IST0101 Referenced gateway not found: "shop/shared" (the Gateway infra/shared is applied beside it: a parentRef without a namespace names a Gateway of the route\'s own (shop); set namespace: infra)',
      ],
    );
  });

  it('not when the parentRef names the namespace, nor when the Gateway is applied apart', () => {
    assert.deepEqual(
      missing({
        'k8s/gateway.yaml': apiGateway('infra'),
        'k8s/route.yaml': route('{name: shared, namespace: infra}'),
      }),
      [],
    );
    assert.deepEqual(
      missing({ 'infra/gateway.yaml': apiGateway('infra'), 'apps/route.yaml': route('name: shared') }),
      [],
    );
  });
});
