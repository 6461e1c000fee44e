// Chart output is unknown, not absent: a reference a Helm chart of the workspace could satisfy is not
// reported missing (analysis/charts.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runAnalyzer } from './run-analyzer';

const vs = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: web
  namespace: shop
spec:
  hosts: [web.example.com]
  http:
  - route:
    - destination:
        host: carts
`;
const svc = `apiVersion: v1\nkind: Service\nmetadata:\n  name: cart\n  namespace: shop\nspec:\n  ports:\n  - port: 80\n`;
const chart = 'apiVersion: v2\nname: shop\nversion: 1.0.0\n';
const template = (kind: string) =>
  `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: {{ .Release.Name }}-carts\nspec:\n  ports:\n  - port: 80\n`;
const HOSTS = 'virtualservice.DestinationHostAnalyzer';
const codes = (fs: { code: string }[]) => fs.map((f) => f.code);

test('a host a chart could render is not reported missing', () => {
  // Without a chart: `carts` is a slip from `cart`, a mistake.
  assert.deepEqual(codes(runAnalyzer(HOSTS, { 'vs.yaml': vs, 'svc.yaml': svc })), ['IST0101']);
  // A chart whose templates render Services: unknown.
  const withChart = {
    'vs.yaml': vs,
    'svc.yaml': svc,
    'chart/Chart.yaml': chart,
    'chart/templates/service.yaml': template('Service'),
  };
  assert.deepEqual(codes(runAnalyzer(HOSTS, withChart)), []);
  // A chart whose templates are not in the workspace could render anything.
  assert.deepEqual(
    codes(runAnalyzer(HOSTS, { 'vs.yaml': vs, 'svc.yaml': svc, 'chart/Chart.yaml': chart })),
    [],
  );
  // A chart that renders only ConfigMaps cannot satisfy a Service reference.
  const configOnly = { ...withChart, 'chart/templates/service.yaml': template('ConfigMap') };
  assert.deepEqual(codes(runAnalyzer(HOSTS, configOnly)), ['IST0101']);
  // The whole cluster (assume-complete) is what the files say, charts unrendered.
  assert.deepEqual(codes(runAnalyzer(HOSTS, withChart, { complete: true })), ['IST0101']);
});

// A template outside any chart (a templates/ folder whose Chart.yaml is elsewhere, an envsubst or Jinja
// file) that writes kind and metadata.name literally renders an object of that name: charts.ts templatedNames.
const literalService = (name: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: {{ .Release.Namespace }}\n  labels:\n    name: not-this\nspec:\n  ports:\n  - port: 80\n`;
const shopPod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: shop\nspec:\n  containers: [{name: c, image: i}]\n`;

test("a template's literal Service name answers to its name and proves a slip from it", () => {
  // `carts` is one slip from the template's `cart`: a mistake, wherever the template is installed.
  assert.deepEqual(
    codes(
      runAnalyzer(HOSTS, {
        'vs.yaml': vs,
        'pod.yaml': shopPod,
        'templates/svc.yaml': literalService('cart'),
      }),
    ),
    ['IST0101'],
  );
  // The template's Service is `carts` itself: found, though `cart` is a slip from it.
  const both = { 'vs.yaml': vs, 'svc.yaml': svc, 'templates/svc.yaml': literalService('carts') };
  assert.deepEqual(codes(runAnalyzer(HOSTS, both)), []);
  // A templated name, or the `name` of a label, tells nothing.
  const templatedName = literalService('{{ .Release.Name }}-cart');
  assert.deepEqual(
    codes(runAnalyzer(HOSTS, { 'vs.yaml': vs, 'pod.yaml': shopPod, 'templates/svc.yaml': templatedName })),
    [],
  );
  const labelOnly = `apiVersion: v1\nkind: Service\nmetadata:\n  labels:\n    name: cart\n  name: {{ .Values.name }}\n`;
  assert.deepEqual(
    codes(runAnalyzer(HOSTS, { 'vs.yaml': vs, 'pod.yaml': shopPod, 'templates/svc.yaml': labelOnly })),
    [],
  );
});

test('a Gateway or policy target a template names literally is not missing', () => {
  const gateway = (name: string, ns: string) =>
    `apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  selector: {istio: ingressgateway}\n  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]\n`;
  const routed = `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  hosts: ["*"]\n  gateways: [shop/public]\n  http:\n  - route:\n    - destination: {host: web}\n`;
  const GATEWAYS = 'virtualservice.GatewayAnalyzer';
  const publik = gateway('publics', 'shop');
  // `public` is a slip from the workspace's `publics`: a mistake (and, as istioctl says, no host of it)...
  assert.deepEqual(codes(runAnalyzer(GATEWAYS, { 'vs.yaml': routed, 'gw.yaml': publik })), [
    'IST0101',
    'IST0132',
  ]);
  // ...unless a template renders a Gateway named `public`.
  const templated = gateway('public', '{{ .Release.Namespace }}');
  assert.deepEqual(
    codes(runAnalyzer(GATEWAYS, { 'vs.yaml': routed, 'gw.yaml': publik, 'templates/gw.yaml': templated })),
    [],
  );
});

test("a port only a chart's Service of the same name may declare is not missing", () => {
  // A kustomize base's Service `frontend` has port 80; the repository's chart renders `frontend` too, its
  // port from values (8080), and the gateway's route asks for 8080.
  const route = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: shop
  namespace: shop
spec:
  hosts: ["*"]
  gateways: [shop-gateway]
  http:
  - route:
    - destination:
        host: frontend
        port: {number: 8080}
`;
  const base = `apiVersion: v1\nkind: Service\nmetadata:\n  name: frontend\n  namespace: shop\nspec:\n  ports:\n  - port: 80\n    targetPort: 8080\n`;
  const chartService = (name: string) =>
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: {{ .Values.namespace }}\nspec:\n  ports:\n  - port: {{ .Values.services.frontend.port }}\n`;
  const files = { 'istio/vs.yaml': route, 'base/frontend.yaml': base, 'chart/Chart.yaml': chart };
  // Without the chart's twin, port 8080 is missing from the one Service named frontend.
  assert.deepEqual(codes(runAnalyzer(HOSTS, files)), ['IST0101']);
  // The chart writes a Service named frontend: its ports are decided at install time.
  const twin = { ...files, 'chart/templates/frontend.yaml': chartService('frontend') };
  assert.deepEqual(codes(runAnalyzer(HOSTS, twin)), []);
  // A chart Service of another name is no twin: the port is still missing.
  const other = { ...files, 'chart/templates/frontend.yaml': chartService('backend') };
  assert.deepEqual(codes(runAnalyzer(HOSTS, other)), ['IST0101']);
  // The whole cluster (assume-complete) is what the files say, charts unrendered.
  assert.deepEqual(codes(runAnalyzer(HOSTS, twin, { complete: true })), ['IST0101']);
});
