// "Not found" without the whole cluster: proven only by a slip from something the workspace holds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nearMissName, nearMissSelector } from '../../server/src/engine/analysis/nearMiss';
import { checkFiles } from '../helpers/workspace';

test('a name one or two edits from a candidate is a slip; an unrelated one is not', () => {
  assert.equal(nearMissName('reviwes', ['reviews', 'ratings']), true); // transposition
  assert.equal(nearMissName('productpage-v', ['productpage']), true); // two edits, long name
  assert.equal(nearMissName('cart', ['carts']), true);
  assert.equal(nearMissName('cart', ['cat', 'card']), true);
  assert.equal(nearMissName('ab', ['xy']), false);
  assert.equal(nearMissName('reviews', ['reviews']), false); // found, not missed
  assert.equal(nearMissName('ratings', ['reviews', 'details']), false);
  assert.equal(nearMissName('web', []), false);
});

test('numbered siblings are not slips: another release, replica or tenant deployed from elsewhere', () => {
  assert.equal(nearMissName('fakeservice2', ['fakeservice']), false);
  assert.equal(nearMissName('fakeservice-2', ['fakeservice']), false);
  assert.equal(nearMissName('reviews-v3', ['reviews-v1', 'reviews-v2']), false);
  assert.equal(nearMissName('team2', ['team1']), false);
  assert.equal(nearMissName('fakeservce2', ['fakeservice2']), true); // a letter slipped, the number kept
  const pods = [
    { app: 'reviews', version: 'v1' },
    { app: 'reviews', version: 'v2' },
  ];
  assert.equal(nearMissSelector({ app: 'reviews', version: 'v3' }, pods), false);
  assert.equal(nearMissSelector({ app: 'reviews', version: 'vl' }, pods), true);
});

test('lettered siblings are not slips: members of a series, the one missing deployed from elsewhere', () => {
  assert.equal(nearMissName('service-b', ['service-a', 'service-c']), false);
  assert.equal(nearMissName('shard-y-db', ['shard-x-db']), false);
  assert.equal(nearMissName('productpage-v', ['productpage']), true); // a letter added, not replaced
  assert.equal(nearMissName('servce-b', ['service-a']), true); // a slip beside the letter
  assert.equal(nearMissName('service-ab', ['service-a']), true);
  assert.equal(nearMissSelector({ app: 'web', zone: 'b' }, [{ app: 'web', zone: 'a' }]), false);
  // The repository deploys service-a and service-c; service-b's Service comes from elsewhere.
  const service = (name: string) => `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: shop}
spec:
  selector: {app: ${name}}
  ports: [{name: http, port: 80}]
`;
  const files = (host: string) => ({
    'services.yaml': `${service('service-a')}---\n${service('service-c')}`,
    'vs.yaml': `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: b, namespace: shop}
spec:
  hosts: [b.example.com]
  gateways: [web]
  http: [{route: [{destination: {host: ${host}, port: {number: 80}}}]}]
`,
  });
  assert.deepEqual(checkFiles(files('service-b')), []);
  assert.deepEqual(checkFiles(files('servcie-a')), [
    'vs.yaml:7 IST0101 Referenced host not found: "servcie-a"',
  ]);
});

test('different words are not slips: two edits of a long name that all fall in one short word', () => {
  // root and port share "-svc", which makes the names long enough for two edits; the words differ.
  assert.equal(nearMissName('root-svc', ['port-svc']), false);
  assert.equal(nearMissName('path-svc', ['auth-svc']), false);
  assert.equal(nearMissName('roots-svc', ['root-svc']), true); // a letter added to the word
  assert.equal(nearMissName('raot-svc', ['root-svc']), true);
  assert.equal(nearMissName('productpage-v', ['productpage']), true); // a segment added: the whole name
  assert.equal(nearMissSelector({ app: 'root-svc' }, [{ app: 'port-svc' }]), false);
  // A VirtualService routes to root-svc, deployed elsewhere, beside the workspace's port-svc.
  const files = (host: string) => ({
    'svc.yaml': `apiVersion: v1
kind: Service
metadata: {name: port-svc, namespace: shop}
spec:
  selector: {app: port-svc}
  ports: [{name: http, port: 80}]
`,
    'vs.yaml': `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: root, namespace: shop}
spec:
  hosts: [${host}]
  http: [{route: [{destination: {host: ${host}}}]}]
`,
  });
  assert.deepEqual(checkFiles(files('root-svc')), []);
  assert.deepEqual(checkFiles(files('prot-svc')), [
    'vs.yaml:6 IST0101 Referenced host not found: "prot-svc"',
  ]);
});

test('a selector one label-slip from a workload', () => {
  const pods = [{ app: 'web', version: 'v1' }];
  assert.equal(nearMissSelector({ app: 'wep' }, pods), true); // value slip
  assert.equal(nearMissSelector({ ap: 'web' }, pods), true); // key slip
  assert.equal(nearMissSelector({ app: 'web', version: 'vl' }, pods), true);
  assert.equal(nearMissSelector({ app: 'wep', version: 'vl' }, pods), false); // two slips: not one mistake
  assert.equal(nearMissSelector({ app: 'checkout' }, pods), false);
  assert.equal(nearMissSelector({ app: 'web' }, pods), false); // matches
  assert.equal(nearMissSelector({}, pods), false);
});

test("a host's misspelt namespace: the Service it names is in a namespace one slip away", () => {
  const files = (host: string) => ({
    'svc.yaml': `apiVersion: v1
kind: Service
metadata: {name: api, namespace: webapp-prod}
spec:
  ports: [{name: http, port: 8000}]
`,
    'vs.yaml': `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: api, namespace: webapp-prod}
spec:
  hosts: [api.webapp-prod.svc.cluster.local]
  http:
  - route:
    - destination:
        host: ${host}
`,
  });
  assert.deepEqual(checkFiles(files('api.webap-prod.svc.cluster.local')), [
    'vs.yaml:9 IST0101 Referenced host not found: "api.webap-prod.svc.cluster.local"',
  ]);
  assert.deepEqual(checkFiles(files('api.webapp-prod.svc.cluster.local')), []);
  // A namespace the workspace does not describe, with no such Service one slip away: deployed elsewhere.
  assert.deepEqual(checkFiles(files('web.webap-prod.svc.cluster.local')), []);
  assert.deepEqual(checkFiles(files('api.payments.svc.cluster.local')), []);
  // Numbered siblings are not slips: another tenant's copy of the Service.
  const numbered = files('api.team2.svc.cluster.local');
  numbered['svc.yaml'] = numbered['svc.yaml'].replace('webapp-prod', 'team1');
  assert.deepEqual(checkFiles(numbered), []);
});

test('a release or sibling Service the workspace does not hold is deployed elsewhere, not misspelt', () => {
  const workload = (version: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: reviews-${version}, namespace: shop}
spec:
  selector: {matchLabels: {app: reviews, version: ${version}}}
  template:
    metadata: {labels: {app: reviews, version: ${version}}}
    spec: {containers: [{name: reviews, image: reviews}]}
`;
  const files = (version: string, host: string) => ({
    'app.yaml': `apiVersion: v1
kind: Service
metadata: {name: reviews, namespace: shop}
spec:
  selector: {app: reviews}
  ports: [{name: http, port: 9080}]
---
${workload('v1')}---
${workload('v2')}`,
    'policy.yaml': `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: reviews, namespace: shop}
spec:
  selector: {matchLabels: {app: reviews, version: ${version}}}
  rules: [{from: [{source: {namespaces: [shop]}}]}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews, namespace: shop}
spec:
  hosts: [reviews]
  http: [{route: [{destination: {host: ${host}}}]}]
`,
  });
  assert.deepEqual(checkFiles(files('v3', 'reviews2')), []);
  assert.deepEqual(checkFiles(files('v3', 'reviews-3')), []);
  assert.deepEqual(checkFiles(files('vl', 'reveiws')), [
    'policy.yaml:13 IST0101 Referenced host not found: "reveiws"',
    'policy.yaml:5 IST0127 No matching workloads for this resource with the following labels: app=reviews,version=vl',
  ]);
});

test("Istio's two gateway components are no slips of each other (istio-egressgateway, istio-ingressgateway)", () => {
  assert.equal(nearMissName('istio-egressgateway', ['istio-ingressgateway']), false);
  assert.equal(nearMissName('istio-ingresgateway', ['istio-ingressgateway']), true);
  const ingress = { app: 'istio-ingressgateway', istio: 'ingressgateway' };
  assert.equal(nearMissSelector({ istio: 'egressgateway' }, [ingress]), false);
  assert.equal(nearMissSelector({ istio: 'ingresgateway' }, [ingress]), true);
  // The rendered ingress gateway (`istioctl manifest generate`) in istio-system; egress exercises select the
  // egress gateway, which a profile or chart installs apart.
  const rendered = `apiVersion: apps/v1
kind: Deployment
metadata: {name: istio-ingressgateway, namespace: istio-system}
spec:
  selector:
    matchLabels: {app: istio-ingressgateway, istio: ingressgateway}
  template:
    metadata:
      labels: {app: istio-ingressgateway, istio: ingressgateway}
      annotations: {inject.istio.io/templates: gateway}
    spec:
      containers: [{name: istio-proxy, image: auto}]
`;
  const egress = (value: string) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: egress, namespace: istio-system}
spec:
  selector: {istio: ${value}}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: [edition.cnn.com]
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: egress, namespace: istio-system}
spec:
  workloadSelector:
    labels: {istio: ${value}}
  outboundTrafficPolicy: {mode: REGISTRY_ONLY}
---
apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: egress, namespace: istio-system}
spec:
  selector:
    matchLabels: {istio: ${value}}
  accessLogging: [{providers: [{name: envoy}]}]
`;
  const codes = (value: string) =>
    checkFiles({ 'gw.yaml': rendered, 'egress.yaml': egress(value) }).map((l) =>
      l.split(' ').slice(0, 2).join(' '),
    );
  assert.deepEqual(codes('egressgateway'), []);
  assert.deepEqual(codes('ingresgateway'), [
    'egress.yaml:15 IST0101',
    'egress.yaml:23 IST0101',
    'egress.yaml:5 IST0101',
  ]);
});
