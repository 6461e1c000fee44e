// Directories applied a file at a time (analysis/stepDirectories.ts): when two files of a directory define
// one object, `kubectl apply -f DIR` would overwrite one with the other, so the files are tutorial steps or
// versions applied one by one. A conflict between two of its files is not proven; a reference between them
// still is (steps applied one by one land in one namespace, and later steps build on earlier ones).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runAnalyzer } from './run-analyzer';

const MESH_HOSTS = 'virtualservice.ConflictingMeshGatewayHostsAnalyzer';
const vs = (name: string, weight = 100) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${name}
spec:
  hosts: [frontend]
  http:
  - route:
    - destination: {host: frontend, subset: v1}
      weight: ${weight}
`;
const gw = (name: string, host = '*') => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: ${name}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["${host}"]
`;
const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n';
const codes = (analyzer: string, files: Record<string, string>, complete = false) =>
  runAnalyzer(analyzer, files, { complete })
    .map((f) => `${f.code} ${f.resource}`)
    .sort();

describe('step directories: files applied one at a time', () => {
  it('versions of one VirtualService beside another for the same host: no IST0109 between the files', () => {
    const steps = {
      'traffic/canary-90-10.yaml': vs('frontend-canary', 90),
      'traffic/canary-50-50.yaml': vs('frontend-canary', 50),
      'traffic/header-routing.yaml': vs('frontend-header-routing'),
    };
    assert.deepEqual(codes(MESH_HOSTS, steps), []);
    // the whole cluster (istioctl's reading of files) still sees both
    assert.deepEqual(codes(MESH_HOSTS, steps, true), [
      'IST0109 VirtualService frontend-canary',
      'IST0109 VirtualService frontend-header-routing',
    ]);
    // without the versions, the directory is applied whole and the two conflict
    assert.deepEqual(
      codes(MESH_HOSTS, {
        'traffic/canary.yaml': vs('frontend-canary', 90),
        'traffic/header-routing.yaml': vs('frontend-header-routing'),
      }),
      ['IST0109 VirtualService frontend-canary', 'IST0109 VirtualService frontend-header-routing'],
    );
  });

  it('a Gateway each step file carries alike makes the directory one of steps: no IST0145 between them', () => {
    const carried = gw('shop', 'shop.example.com').replace('number: 80', 'number: 8080');
    assert.deepEqual(
      codes('gateway.ConflictingGatewayAnalyzer', {
        'istio/timeout.yaml': `${carried}---\n${gw('timeout-gateway')}`,
        'istio/retry.yaml': `${carried}---\n${gw('retry-gateway')}`,
      }),
      [],
    );
    // two Gateways in one file are applied together whatever the directory
    assert.equal(
      codes('gateway.ConflictingGatewayAnalyzer', {
        'istio/timeout.yaml': `${carried}---\n${gw('timeout-gateway')}`,
        'istio/retry.yaml': `${carried}---\n${gw('retry-gateway')}---\n${gw('retry-gateway-2')}`,
      }).length,
      2,
    );
  });

  it('a Namespace every file declares is no sign of steps: the conflict stays', () => {
    assert.equal(
      codes(MESH_HOSTS, {
        'app/canary.yaml': `${ns}---\n${vs('frontend-canary')}`,
        'app/header-routing.yaml': `${ns}---\n${vs('frontend-header-routing')}`,
      }).length,
      2,
    );
  });

  it('versions in a subdirectory: that directory is not applied with its parent (`apply -R` would overwrite)', () => {
    assert.deepEqual(
      codes(MESH_HOSTS, {
        'demo/base.yaml': vs('frontend-base'),
        'demo/steps/v1.yaml': vs('frontend-canary', 90),
        'demo/steps/v2.yaml': vs('frontend-canary', 50),
      }),
      [],
    );
    // a version in the parent and one in the subdirectory: the parent is the one not applied whole
    assert.deepEqual(
      codes(MESH_HOSTS, {
        'demo/base.yaml': vs('frontend-base'),
        'demo/canary.yaml': vs('frontend-canary', 90),
        'demo/more/canary.yaml': vs('frontend-canary', 50),
      }),
      [],
    );
  });

  it('sibling variants that each carry one object: their parent is not applied whole (`apply -R` would overwrite)', () => {
    const policy = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-all
  namespace: client
spec:
  rules: [{}]
`;
    // an external host: one name in every namespace
    const external = (name: string) => vs(name).replace('hosts: [frontend]', 'hosts: [api.example.com]');
    const inNs = (ns: string, name: string) =>
      external(name).replace(`name: ${name}`, `name: ${name}\n  namespace: ${ns}`);
    const variants = (carried: boolean) => ({
      'demo/virtual-service.yaml': external('first-try'),
      'demo/variant-a/istio/vs.yaml': inNs('team-a', 'frontend'),
      'demo/variant-b/istio/vs.yaml': inNs('team-b', 'frontend'),
      ...(carried
        ? { 'demo/variant-a/policy.yaml': policy, 'demo/variant-b/policy.yaml': policy }
        : { 'demo/variant-a/policy.yaml': policy }),
    });
    // the variants (siblings) were never applied together; the parent's file joins them only through
    // `apply -R demo`, which the copies of one policy show is not how the tree is applied
    assert.deepEqual(codes(MESH_HOSTS, variants(true)), []);
    // without the copies, `apply -R demo` holds all three
    assert.deepEqual(codes(MESH_HOSTS, variants(false)), [
      'IST0109 VirtualService first-try',
      'IST0109 VirtualService team-a/frontend',
      'IST0109 VirtualService team-b/frontend',
    ]);
    // the whole cluster (istioctl's reading of files) still sees them all
    assert.equal(codes(MESH_HOSTS, variants(true), true).length, 3);
    // files of one variant directory are still applied together
    assert.deepEqual(
      codes(MESH_HOSTS, {
        ...variants(true),
        'demo/variant-a/istio/vs-2.yaml': inNs('team-a', 'frontend-2'),
      }),
      ['IST0109 VirtualService team-a/frontend', 'IST0109 VirtualService team-a/frontend-2'],
    );
  });

  it('a reference between step files is still proven: a subset no DestinationRule of the directory defines', () => {
    const dr = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: frontend
spec:
  host: frontend
  subsets:
  - name: v2
    labels: {version: v2}
`;
    const found = codes('virtualservice.DestinationRuleAnalyzer', {
      'traffic/destination-rule.yaml': dr,
      'traffic/canary-90-10.yaml': vs('frontend-canary', 90),
      'traffic/canary-50-50.yaml': vs('frontend-canary', 50),
    });
    // reported on each version, as each names the subset
    assert.deepEqual(found, [
      'IST0101 VirtualService frontend-canary',
      'IST0101 VirtualService frontend-canary',
    ]);
  });

  it('a portless route to a ServiceEntry each step defines: IST0112 only where the step applied has several ports', () => {
    const se = (ports: string) => `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: ext
spec:
  hosts: [api.example.com]
  ports: [${ports}]
  resolution: DNS
`;
    const route = (port = '') => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ext
spec:
  hosts: [api.example.com]
  gateways: [egress]
  http:
  - route:
    - destination: {host: api.example.com${port}}
`;
    const http = '{number: 80, name: http, protocol: HTTP}';
    const both = `${http}, {number: 443, name: https, protocol: HTTPS}`;
    const HOSTS = 'virtualservice.DestinationHostAnalyzer';
    const steps = (tlsPort: string) => ({
      'egress/1-http.yaml': `${se(http)}---\n${route()}`,
      'egress/2-tls.yaml': `${se(both)}---\n${route(tlsPort)}`,
    });
    // the http step applies its own ServiceEntry, with port 80 alone; the tls step names its port
    assert.deepEqual(codes(HOSTS, steps(', port: {number: 443}')), []);
    // a tls step that names none is ambiguous against its own two ports
    assert.deepEqual(codes(HOSTS, steps('')), ['IST0112 VirtualService ext']);
    // a route in a file without the ServiceEntry: ambiguous only if every definition has several ports
    const apart = (first: string) => ({
      'egress/1.yaml': se(first),
      'egress/2.yaml': se(both),
      'egress/route.yaml': route(),
    });
    assert.deepEqual(codes(HOSTS, apart(http)), []);
    assert.deepEqual(codes(HOSTS, apart(both)), ['IST0112 VirtualService ext']);
    // the whole cluster (istioctl's reading) holds the last definition, with two ports
    assert.deepEqual(codes(HOSTS, apart(http), true), ['IST0112 VirtualService ext']);
  });

  it("another step's Gateway does not define the namespace's: a gateway the steps do not hold is not proven missing", () => {
    const dr = (policy: string) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ratings
spec:
  host: ratings
  ${policy}
`;
    const bound = (gateway: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ratings
spec:
  hosts: ["*"]
  gateways: [${gateway}]
  http:
  - route:
    - destination: {host: ratings}
`;
    const GATEWAYS = 'virtualservice.GatewayAnalyzer';
    const dir = (gateway: string, steps = true) => ({
      ...(steps
        ? {
            'lesson/dr-ratings.yaml': dr('subsets: [{name: v2, labels: {version: v2}}]'),
            'lesson/dr-ratings-failover.yaml': dr(
              'trafficPolicy: {outlierDetection: {consecutive5xxErrors: 1}}',
            ),
          }
        : {}),
      'lesson/gw-egress.yaml': gw('egress', 'api.example.com'),
      'lesson/vs-ratings.yaml': bound(gateway),
    });
    // the sample's gateway, applied before the steps
    assert.deepEqual(codes(GATEWAYS, dir('bookinfo-gateway')), []);
    // a slip from the step's Gateway is still a mistake
    assert.deepEqual(codes(GATEWAYS, dir('egres')), [
      'IST0101 VirtualService ratings',
      'IST0132 VirtualService ratings',
    ]);
    // a directory applied whole defines its namespace's Gateways
    assert.deepEqual(codes(GATEWAYS, dir('bookinfo-gateway', false)), [
      'IST0101 VirtualService ratings',
      'IST0132 VirtualService ratings',
    ]);
  });
});
