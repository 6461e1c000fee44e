// What Istio's gateway controller deploys for a Gateway API Gateway (analysis/gatewayController.ts): its
// Service, named by class, is a host routes and policies may name, with the whole cluster too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { analyzeWorkspace, IncrementalAnalysis } from '../../server/src/engine/analysis';
import { IN_ALL_ANALYZERS } from '../../server/src/engine/analyzers';
import { runAnalyzer } from './run-analyzer';

const gateway = (name: string, cls: string, extra = '') =>
  `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: ${name}\n  namespace: edge\n${extra}spec:\n  gatewayClassName: ${cls}\n  listeners: [{name: http, port: 80, protocol: HTTP}]\n`;
const rule = (host: string) =>
  `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: dr, namespace: edge}\nspec:\n  host: ${host}\n  trafficPolicy: {tls: {mode: DISABLE}}\n`;
const route = (host: string, port: number) =>
  `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs, namespace: shop}\nspec:\n  hosts: [web.shop.svc.cluster.local]\n  http:\n  - route:\n    - destination: {host: ${host}, port: {number: ${port}}}\n`;

const unknownHost = (files: Record<string, string>) =>
  runAnalyzer('destinationrule.SubsetSelectPodAnalyzer', files, { complete: true }).map((f) => f.code);

test('the Service of a Gateway of class istio is <name>-istio, of a waypoint <name>', () => {
  const gw = gateway('public', 'istio');
  const wp = gateway('waypoint', 'istio-waypoint');
  assert.deepEqual(unknownHost({ gw, dr: rule('public-istio.edge.svc.cluster.local') }), []);
  assert.deepEqual(unknownHost({ wp, dr: rule('waypoint.edge.svc.cluster.local') }), []);
  // Not the other way round, and nothing without the Gateway.
  assert.deepEqual(unknownHost({ gw, dr: rule('public.edge.svc.cluster.local') }), ['IST0174']);
  assert.deepEqual(unknownHost({ wp, dr: rule('waypoint-istio-waypoint.edge.svc.cluster.local') }), [
    'IST0174',
  ]);
  assert.deepEqual(unknownHost({ dr: rule('public-istio.edge.svc.cluster.local') }), ['IST0174']);
});

test('a name override, a GatewayClass of Istio, a Hostname address and a foreign class', () => {
  const dr = rule('front.edge.svc.cluster.local');
  const overridden = gateway('public', 'istio', '  annotations: {gateway.istio.io/name-override: front}\n');
  assert.deepEqual(unknownHost({ overridden, dr }), []);
  const cls = (controller: string) =>
    `apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: {name: edge-class}\nspec:\n  controllerName: ${controller}\n`;
  const custom = gateway('public', 'edge-class');
  const customDr = rule('public-edge-class.edge.svc.cluster.local');
  assert.deepEqual(unknownHost({ custom, c: cls('istio.io/gateway-controller'), customDr }), []);
  assert.deepEqual(unknownHost({ custom, c: cls('example.com/other'), customDr }), ['IST0174']);
  // A Hostname address: the Gateway uses a Service deployed by hand; Istio deploys none.
  const manual = gateway('public', 'istio').replace(
    'spec:\n',
    'spec:\n  addresses: [{type: Hostname, value: ingress.edge.svc.cluster.local}]\n',
  );
  assert.deepEqual(unknownHost({ manual, dr: rule('public-istio.edge.svc.cluster.local') }), ['IST0174']);
});

test('routes to the generated Service check its ports, and nothing is reported on it', () => {
  const gw = gateway('public', 'istio');
  const found = (port: number) =>
    runAnalyzer(
      'virtualservice.DestinationHostAnalyzer',
      { gw, vs: route('public-istio.edge.svc.cluster.local', port) },
      { complete: true },
    ).map((f) => `${f.code} ${f.resource}`);
  assert.deepEqual(found(80), []);
  assert.deepEqual(found(15021), []);
  assert.deepEqual(found(8080), ['IST0101 VirtualService shop/vs']); // host:port not found
  // Its unnamed-protocol ports (status-port) would be IST0118 information on a Service of the workspace.
  const all = analyzeWorkspace([parseFile('file:///gw.yaml', gw)], {
    analyzers: IN_ALL_ANALYZERS,
    assumeComplete: true,
  });
  assert.deepEqual([...all.values()].flat(), []);
});

test('editing a Gateway equals a full analysis (its Service changes with it)', () => {
  const opts = { analyzers: IN_ALL_ANALYZERS, assumeComplete: true };
  const dr = parseFile('file:///dr.yaml', rule('public-istio.edge.svc.cluster.local'));
  const gw = (cls: string) => parseFile('file:///gw.yaml', gateway('public', cls));
  const inc = new IncrementalAnalysis(opts);
  const found = [gw('istio'), gw('other'), gw('istio')].map((g, i) => {
    const files = [g, dr];
    const full = analyzeWorkspace(files, opts);
    const r = inc.run(files);
    const codes = (m: Map<string, { code?: unknown }[]>) =>
      (m.get('file:///dr.yaml') ?? []).map((d) => d.code);
    assert.deepEqual(codes(r.byUri), codes(full), `step ${i}`);
    return codes(full);
  });
  assert.deepEqual(found, [[], ['IST0174'], []]);
});
