// Namespaces decided at apply time, and one object per identity (issue 9 §1, §4): a manifest without
// metadata.namespace gets one from `-n`; otherwise its namespace is undecided, and a reference that
// some namespace would satisfy is not reported. Several definitions of one object are alternatives.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runAnalyzer } from './run-analyzer';
import { virtualService } from '../helpers/manifests';

const HOSTS = 'virtualservice.DestinationHostAnalyzer';
const svc = (name: string, ns?: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}${ns ? `\n  namespace: ${ns}` : ''}
spec:
  ports:
  - {name: http, port: 80}
`;
const codes = (fs: { code: string; text: string }[]) => fs.map((f) => `${f.code} ${f.text}`);

describe('undecided namespaces', () => {
  it('a namespace-less VirtualService reaches a Service of another namespace by short name', () => {
    const files = {
      'vs.yaml': virtualService('reviews'),
      'svc.yaml': svc('reviews', 'bookinfo') + '---\n' + svc('x', 'default'),
    };
    assert.deepEqual(codes(runAnalyzer(HOSTS, files)), []);
  });

  it('-n decides the namespace, and then the missing host is reported', () => {
    const files = {
      'vs.yaml': virtualService('reviews'),
      'svc.yaml': svc('reviews', 'bookinfo') + '---\n' + svc('reviewz', 'prod'),
    };
    assert.deepEqual(codes(runAnalyzer(HOSTS, files, { defaultNamespace: 'prod' })), ['IST0101 reviews']);
    assert.deepEqual(codes(runAnalyzer(HOSTS, files, { defaultNamespace: 'bookinfo' })), []);
  });

  it('a namespace-less Service can be applied where a reference expects it', () => {
    const files = {
      'vs.yaml': virtualService('reviews.bookinfo.svc.cluster.local', 'bookinfo'),
      'svc.yaml': svc('reviews') + '---\n' + svc('other', 'bookinfo'),
    };
    assert.deepEqual(codes(runAnalyzer(HOSTS, files)), []);
  });

  it('a host missing wherever the manifests are applied is still reported', () => {
    const files = { 'vs.yaml': virtualService('reviewz'), 'svc.yaml': svc('reviews') };
    assert.deepEqual(codes(runAnalyzer(HOSTS, files)), ['IST0101 reviewz']);
  });

  it("a port no namespace-less Service of the host's name declares is missing wherever it is applied", () => {
    const routed = (port: number) =>
      virtualService('reviews', 'shop').replace(
        'host: reviews',
        `host: reviews\n        port: {number: ${port}}`,
      );
    // The namespaces other manifests name are placements tried: the finding must not depend on them.
    const others = svc('db', 'data') + '---\n' + svc('cache', 'infra');
    for (const extra of [{}, { 'other.yaml': others }] as Record<string, string>[]) {
      const files = { 'vs.yaml': routed(8080), 'svc.yaml': svc('reviews'), ...extra };
      assert.deepEqual(codes(runAnalyzer(HOSTS, files)), ['IST0101 8080']);
      assert.deepEqual(codes(runAnalyzer(HOSTS, { ...files, 'vs.yaml': routed(80) })), []);
    }
    // A Service of a sibling directory is applied apart (a base an unseen overlay may patch).
    const apart = { 'app/vs.yaml': routed(8080), 'base/svc.yaml': svc('reviews') };
    assert.deepEqual(codes(runAnalyzer(HOSTS, apart)), []);
    // A Service of that name whose namespace is written may be the one meant, applied elsewhere.
    const decided = {
      'vs.yaml': routed(8080),
      'svc.yaml': svc('reviews') + '---\n' + svc('reviews', 'prod'),
    };
    assert.deepEqual(codes(runAnalyzer(HOSTS, decided)), []);
  });

  it("a namespace-less Service of another chapter is not the host's: no port finding from its copy", () => {
    const routed = virtualService('webapp').replace(
      'host: webapp',
      'host: webapp\n        port: {number: 8080}',
    );
    // Both namespace-less: a placement that puts them in one namespace resolves the host to the other
    // chapter's Service, applied apart; where ch4 is applied, webapp may be another Service.
    assert.deepEqual(
      codes(runAnalyzer(HOSTS, { 'ch4/vs.yaml': routed, 'ch12/svc.yaml': svc('webapp') })),
      [],
    );
    // Applied together (one directory), the Service is the host wherever they go: 8080 is not its port.
    assert.deepEqual(codes(runAnalyzer(HOSTS, { 'ch4/vs.yaml': routed, 'ch4/svc.yaml': svc('webapp') })), [
      'IST0101 8080',
    ]);
    // The whole cluster puts both in default, as istioctl does.
    assert.deepEqual(
      codes(
        runAnalyzer(HOSTS, { 'ch4/vs.yaml': routed, 'ch12/svc.yaml': svc('webapp') }, { complete: true }),
      ),
      ['IST0101 8080'],
    );
  });

  it('the whole cluster (assumeComplete) puts namespace-less manifests in default, as istioctl does', () => {
    const files = { 'vs.yaml': virtualService('reviews'), 'svc.yaml': svc('reviews', 'bookinfo') };
    assert.deepEqual(codes(runAnalyzer(HOSTS, files, { complete: true })), ['IST0101 reviews']);
  });
});

describe('one object per identity', () => {
  const gw = (host: string) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: gw
  namespace: prod
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["${host}"]
`;
  it('two versions of one Gateway are alternatives, not a conflict', () => {
    const files = { 'step1/gw.yaml': gw('*'), 'step2/gw.yaml': gw('*') };
    assert.deepEqual(codes(runAnalyzer('gateway.ConflictingGatewayAnalyzer', files)), []);
  });

  it('two different Gateways on one host and port still conflict', () => {
    const files = { 'a.yaml': gw('*'), 'b.yaml': gw('*').replace('name: gw', 'name: gw2') };
    assert.equal(runAnalyzer('gateway.ConflictingGatewayAnalyzer', files).length, 2);
  });

  it('what each definition references is checked, whichever wins (the last, or the preferred file)', () => {
    const files = {
      'a.yaml': virtualService('reviewz', 'prod'),
      'b.yaml': virtualService('reviews', 'prod'),
      'svc.yaml': svc('reviews', 'prod'),
    };
    assert.deepEqual(codes(runAnalyzer(HOSTS, files)), ['IST0101 reviewz']);
    const preferA = runAnalyzer(HOSTS, files, { preferred: 'a.yaml' });
    assert.deepEqual(codes(preferA), ['IST0101 reviewz']);
    // The whole cluster holds one: only the winner's references are checked.
    assert.deepEqual(codes(runAnalyzer(HOSTS, files, { complete: true })), []);
  });
});

describe('apply units: manifests of unrelated directories are applied apart', () => {
  const MESH_HOSTS = 'virtualservice.ConflictingMeshGatewayHostsAnalyzer';
  const vs = (name: string, ns?: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${name}${ns ? `\n  namespace: ${ns}` : ''}
spec:
  hosts: [reviews]
  http:
  - route:
    - destination: {host: reviews}
`;
  const found = (files: Record<string, string>, complete = false) =>
    runAnalyzer(MESH_HOSTS, files, { complete })
      .map((f) => `${f.code} ${f.resource}`)
      .sort();

  it('two demos side by side: no conflict unless the inputs are the whole cluster', () => {
    const files = { 'canary/vs.yaml': vs('split'), 'migration/vs.yaml': vs('migrate') };
    assert.deepEqual(found(files), []);
    assert.deepEqual(found(files, true), ['IST0109 VirtualService migrate', 'IST0109 VirtualService split']);
  });

  it('one directory, or a directory and its subtree (`apply -R`), is applied together', () => {
    assert.deepEqual(found({ 'demo/a.yaml': vs('split'), 'demo/b.yaml': vs('migrate') }).length, 2);
    assert.deepEqual(found({ 'demo/a.yaml': vs('split'), 'demo/more/b.yaml': vs('migrate') }).length, 2);
  });

  it('a file beside a kustomization that does not list it is applied on its own (`apply -k` leaves it out)', () => {
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n';
    const kustomization = (...listed: string[]) => `resources:\n${listed.map((f) => `- ${f}\n`).join('')}`;
    // optional policies kept beside the kustomization, "enabled as needed": neither is applied with the other
    assert.deepEqual(
      found({
        'app/kustomization.yaml': kustomization('settings.yaml'),
        'app/settings.yaml': cm,
        'app/retry.yaml': vs('retry'),
        'app/timeout.yaml': vs('timeout'),
      }),
      [],
    );
    // nor with what the kustomization renders
    assert.deepEqual(
      found({
        'app/kustomization.yaml': kustomization('a.yaml'),
        'app/a.yaml': vs('split'),
        'app/b.yaml': vs('migrate'),
      }),
      [],
    );
    // both listed: one rendering, applied together; two documents of one unlisted file: applied together
    assert.equal(
      found({
        'app/kustomization.yaml': kustomization('a.yaml', 'b.yaml'),
        'app/a.yaml': vs('split'),
        'app/b.yaml': vs('migrate'),
      }).length,
      2,
    );
    assert.equal(
      found({
        'app/kustomization.yaml': kustomization('settings.yaml'),
        'app/settings.yaml': cm,
        'app/both.yaml': `${vs('split')}---\n${vs('migrate')}`,
      }).length,
      2,
    );
  });

  it('a namespace the manifests name says where they land, not that they are applied together', () => {
    const files = { 'canary/vs.yaml': vs('split', 'shop'), 'migration/vs.yaml': vs('migrate', 'shop') };
    assert.deepEqual(found(files), []);
    assert.deepEqual(found(files, true), [
      'IST0109 VirtualService shop/migrate',
      'IST0109 VirtualService shop/split',
    ]);
    assert.deepEqual(found({ 'demo/a.yaml': vs('split', 'shop'), 'demo/b.yaml': vs('migrate', 'shop') }), [
      'IST0109 VirtualService shop/migrate',
      'IST0109 VirtualService shop/split',
    ]);
  });

  it('namespace-wide Sidecars (IST0111) follow the same rule', () => {
    const sidecar = (name: string) =>
      `apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata:\n  name: ${name}\nspec:\n  egress:\n  - hosts: ["./*"]\n`;
    const run = (files: Record<string, string>) =>
      runAnalyzer('sidecar.SelectorAnalyzer', files).map((f) => f.code);
    assert.deepEqual(run({ 'a/sc.yaml': sidecar('one'), 'b/sc.yaml': sidecar('two') }), []);
    assert.deepEqual(run({ 'a/sc.yaml': sidecar('one'), 'a/sc2.yaml': sidecar('two') }), [
      'IST0111',
      'IST0111',
    ]);
  });
});

describe('apply units: conflicting Gateways', () => {
  const gw = (name: string, ns?: string) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: ${name}${ns ? `\n  namespace: ${ns}` : ''}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*"]
`;
  const run = (files: Record<string, string>, complete = false) =>
    runAnalyzer('gateway.ConflictingGatewayAnalyzer', files, { complete }).map((f) => f.code);

  it('two demos side by side each with its Gateway on *:80: no conflict (IST0145) unless the whole cluster', () => {
    const files = { 'canary/gw.yaml': gw('frontend'), 'zones/gw.yaml': gw('zones') };
    assert.deepEqual(run(files), []);
    assert.deepEqual(run(files, true), ['IST0145', 'IST0145']);
  });

  it('Gateways of one directory, or of its tree, conflict', () => {
    assert.deepEqual(run({ 'demo/a.yaml': gw('frontend'), 'demo/b.yaml': gw('zones') }), [
      'IST0145',
      'IST0145',
    ]);
    assert.deepEqual(
      run({ 'demo/a.yaml': gw('frontend', 'istio-system'), 'demo/v2/b.yaml': gw('zones', 'web') }),
      ['IST0145', 'IST0145'],
    );
  });

  it('tutorial Gateways that all say istio-system, in separate demos: no conflict unless one rendering joins them', () => {
    const demos = {
      'canary/gw.yaml': gw('frontend', 'istio-system'),
      'zones/gw.yaml': gw('zones', 'istio-system'),
    };
    assert.deepEqual(run(demos), []);
    assert.deepEqual(run(demos, true), ['IST0145', 'IST0145']);
    const kustomized = {
      ...demos,
      'canary/kustomization.yaml': 'resources:\n- gw.yaml\n',
      'zones/kustomization.yaml': 'resources:\n- gw.yaml\n',
    };
    assert.deepEqual(run(kustomized), []);
    const joined = { ...kustomized, 'all/kustomization.yaml': 'resources:\n- ../canary\n- ../zones\n' };
    assert.deepEqual(run(joined), ['IST0145', 'IST0145']);
  });
});

describe('apply units: one certificate in two Gateways (IST0138)', () => {
  const gw = (name: string) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: ${name}
  namespace: istio-system
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: ["${name}.example.com"]
    tls: {mode: SIMPLE, credentialName: example-credential}
`;
  const run = (files: Record<string, string>, complete = false) =>
    runAnalyzer('gateway.CertificateAnalyzer', files, { complete }).map((f) => f.code);

  it('two demos (or a directory and the one that replaced it) each with the tutorial credential: no IST0138', () => {
    const demos = { 'httpbin/gw.yaml': gw('httpbin'), 'bookinfo/gw.yaml': gw('bookinfo') };
    assert.deepEqual(run(demos), []);
    assert.deepEqual(run(demos, true), ['IST0138', 'IST0138']);
    const joined = {
      ...demos,
      'httpbin/kustomization.yaml': 'resources:\n- gw.yaml\n',
      'bookinfo/kustomization.yaml': 'resources:\n- gw.yaml\n',
      'all/kustomization.yaml': 'resources:\n- ../httpbin\n- ../bookinfo\n',
    };
    assert.deepEqual(run(joined), ['IST0138', 'IST0138']);
  });

  it('Gateways of one directory sharing a certificate: IST0138', () => {
    assert.deepEqual(run({ 'gw/a.yaml': gw('httpbin'), 'gw/b.yaml': gw('bookinfo') }), [
      'IST0138',
      'IST0138',
    ]);
  });
});

describe('apply units: ServiceEntry protocols, and Telemetries or Sidecars selecting one pod', () => {
  const entry = (name: string, protocol: string) => `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: ${name}, namespace: istio-system}
spec:
  hosts: [api.example.com]
  ports: [{number: 443, name: tls, protocol: ${protocol}}]
  resolution: DNS
`;
  const workload = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx}]}
`;
  const telemetry = (name: string) =>
    `apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  selector: {matchLabels: {app: web}}\n  tracing: [{randomSamplingPercentage: 10}]\n`;
  const sidecar = (name: string) =>
    `apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  workloadSelector: {labels: {app: web}}\n  egress: [{hosts: ["./*"]}]\n`;
  const run = (analyzer: string, files: Record<string, string>, complete = false) =>
    runAnalyzer(analyzer, files, { complete }).map((f) => f.code);

  it('one external host declared HTTPS by one demo and TLS by another: no IST0177 unless applied together', () => {
    const SE = 'serviceentry.ConflictingServiceEntryProtocolAnalyzer';
    const demos = { 'a/se.yaml': entry('one', 'HTTPS'), 'b/se.yaml': entry('two', 'TLS') };
    assert.deepEqual(run(SE, demos), []);
    assert.deepEqual(run(SE, demos, true), ['IST0177', 'IST0177']);
    assert.deepEqual(run(SE, { 'a/se.yaml': entry('one', 'HTTPS'), 'a/se2.yaml': entry('two', 'TLS') }), [
      'IST0177',
      'IST0177',
    ]);
  });

  it('two Telemetries (IST0159) or Sidecars (IST0110) selecting one pod from unrelated directories: applied apart', () => {
    const T = 'telemetry.SelectorAnalyzer';
    const S = 'sidecar.SelectorAnalyzer';
    const apart = (make: (n: string) => string) => ({
      'app/web.yaml': workload,
      'team-a/p.yaml': make('one'),
      'team-b/p.yaml': make('two'),
    });
    const together = (make: (n: string) => string) => ({
      'app/web.yaml': workload,
      'policies/a.yaml': make('one'),
      'policies/b.yaml': make('two'),
    });
    assert.deepEqual(run(T, apart(telemetry)), []);
    assert.deepEqual(run(T, together(telemetry)), ['IST0159', 'IST0159']);
    assert.deepEqual(run(S, apart(sidecar)), []);
    assert.deepEqual(run(S, together(sidecar)), ['IST0110', 'IST0110']);
  });
});

describe('apply units: Services selecting one in-mesh Deployment (IST0137)', () => {
  const deployment = `apiVersion: v1
kind: Namespace
metadata: {name: store, labels: {istio-injection: enabled}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: store}
spec:
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 8080}]}]}
`;
  const service = (name: string, port: number) =>
    `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: store}\nspec:\n  selector: {app: api}\n  ports: [{name: http, port: ${port}, targetPort: 8080}]\n`;
  const run = (files: Record<string, string>, complete = false) =>
    runAnalyzer('deployment.MultiServiceAnalyzer', files, { complete }).map((f) => f.code);

  it('one targetPort behind different ports: a conflict only between Services applied together', () => {
    const apart = {
      'api/app.yaml': deployment + '---\n' + service('api', 80),
      'v2/svc.yaml': service('api-v2', 81),
    };
    assert.deepEqual(run(apart), []);
    assert.deepEqual(run(apart, true), ['IST0137']);
    const together = {
      'api/app.yaml': deployment + '---\n' + service('api', 80),
      'api/v2.yaml': service('api-v2', 81),
    };
    assert.deepEqual(run(together), ['IST0137']);
  });
});

describe('apply units: a DestinationRule subset and the workloads of its service (IST0173)', () => {
  const app = `apiVersion: v1
kind: Service
metadata: {name: cart, namespace: shop}
spec:
  selector: {app: cart}
  ports: [{name: http, port: 80}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cart-v1, namespace: shop}
spec:
  selector: {matchLabels: {app: cart}}
  template:
    metadata: {labels: {app: cart, version: v1}}
    spec: {containers: [{name: c, image: cart}]}
`;
  const rule = (version: string) =>
    `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: cart, namespace: shop}\nspec:\n  host: cart\n  subsets:\n  - {name: v1, labels: {version: v1}}\n  - {name: next, labels: {version: ${version}}}\n`;
  const run = (files: Record<string, string>, complete = false) =>
    runAnalyzer('destinationrule.SubsetSelectPodAnalyzer', files, { complete }).map((f) => f.code);

  it('another version than the workloads another directory deploys is deployed apart (a canary); a slip is a mistake', () => {
    assert.deepEqual(run({ 'app/cart.yaml': app, 'routing/dr.yaml': rule('v2') }), []);
    assert.deepEqual(run({ 'app/cart.yaml': app, 'routing/dr.yaml': rule('canary') }), []);
    assert.deepEqual(run({ 'app/cart.yaml': app, 'routing/dr.yaml': rule('v1x') }), ['IST0173']);
    assert.deepEqual(run({ 'app/cart.yaml': app, 'routing/dr.yaml': rule('v2') }, true), ['IST0173']);
  });

  it('applied with the workloads, a subset selecting none of them is reported', () => {
    assert.deepEqual(run({ 'app/cart.yaml': app, 'app/dr.yaml': rule('v2') }), ['IST0173']);
  });
});

describe('apply units: namespace-wide Telemetries', () => {
  const telemetry = (name: string) =>
    `apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata:\n  name: ${name}\nspec:\n  tracing:\n  - randomSamplingPercentage: 10\n`;
  const run = (files: Record<string, string>) =>
    runAnalyzer('telemetry.DefaultSelectorAnalyzer', files).map((f) => f.code);

  it('two demos side by side: no IST0160; one directory: IST0160', () => {
    assert.deepEqual(run({ 'a/t.yaml': telemetry('one'), 'b/t.yaml': telemetry('two') }), []);
    assert.deepEqual(run({ 'a/t.yaml': telemetry('one'), 'a/t2.yaml': telemetry('two') }), [
      'IST0160',
      'IST0160',
    ]);
  });
});

describe('apply units: a gateway route beside a VirtualService splitting its host by subset (IST0140)', () => {
  // Found probing a lab repository: demo/gateway's ingress VirtualService routes to frontend, and the canary
  // VirtualService of demo/traffic splits frontend by subset; an unrelated directory is applied apart.
  const ingress = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: frontend-ingress, namespace: shop}
spec:
  hosts: [frontend.example.com]
  gateways: [web-gateway]
  http:
  - route:
    - destination: {host: frontend}
`;
  const canary = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: frontend-canary, namespace: shop}
spec:
  hosts: [frontend]
  http:
  - route:
    - destination: {host: frontend, subset: v1}
      weight: 90
    - destination: {host: frontend, subset: v2}
      weight: 10
`;
  const run = (files: Record<string, string>, complete = false) =>
    runAnalyzer('virtualservice.DestinationHostAnalyzer', files, { complete })
      .filter((f) => f.code === 'IST0140')
      .map((f) => `${f.resource}: ${f.message}`);
  const finding =
    'VirtualService shop/frontend-ingress: Subset in virtual service shop/frontend-canary has no effect on ingress gateway shop/frontend-ingress requests';

  it('in one directory tree: IST0140; in sibling directories: none, unless the inputs are the whole cluster', () => {
    assert.deepEqual(run({ 'demo/ingress.yaml': ingress, 'demo/traffic/canary.yaml': canary }), [finding]);
    const apart = { 'demo/gateway/ingress.yaml': ingress, 'demo/traffic/canary.yaml': canary };
    assert.deepEqual(run(apart), []);
    assert.deepEqual(run(apart, true), [finding]);
    const joined = {
      ...apart,
      'demo/kustomization.yaml': 'resources:\n- gateway/ingress.yaml\n- traffic/canary.yaml\n',
    };
    assert.deepEqual(run(joined), [finding]);
  });
});

describe("kustomize's namespace names a Namespace manifest it renders", () => {
  it('a base Namespace rendered by an overlay with namespace: prod is the Namespace prod', () => {
    const files = {
      'base/kustomization.yaml': 'resources:\n- ns.yaml\n- ap.yaml\n',
      'base/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: app\n',
      'base/ap.yaml': `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: from-prod
spec:
  rules:
  - from:
    - source:
        namespaces: [prod]
`,
      'prod/kustomization.yaml': 'namespace: prod\nresources:\n- ../base\n',
    };
    const auth = 'auth.AuthorizationPoliciesAnalyzer';
    const namespaceNotFound = (fs: Record<string, string>) =>
      runAnalyzer(auth, fs, { complete: true })
        .filter((f) => f.code === 'IST0101')
        .map((f) => f.message);
    // kustomize's namespace field specs set metadata/name of kind Namespace: the cluster gets prod, not app.
    assert.deepEqual(namespaceNotFound(files), []);
    const other = { ...files, 'base/ap.yaml': files['base/ap.yaml'].replace('[prod]', '[app]') };
    assert.deepEqual(namespaceNotFound(other), ['Referenced namespace not found: "app" (in overlay prod)']);
  });
});
