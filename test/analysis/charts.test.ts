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
