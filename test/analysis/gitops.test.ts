// Manifests read where GitOps tools apply them (issue 9): an Argo CD Application's destination namespace
// and a Flux Kustomization's targetNamespace place the manifests of the directory they apply; a chart
// they install renders what the files cannot show; Flagger creates Services and a primary workload for a
// Canary; an Argo Rollout runs pods. With the whole cluster (`--assume-complete`) the placement decides;
// otherwise it is one more namespace the undecided ones are tried in, so it never adds a finding.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runAnalyzer } from './run-analyzer';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { buildWorkspace } from '../../server/src/engine/analysis';
import { publicGateway, service } from '../helpers/manifests';

const HOSTS = 'virtualservice.DestinationHostAnalyzer';
const GATEWAYS = 'virtualservice.GatewayAnalyzer';
const codes = (fs: { code: string; text: string }[]) => fs.map((f) => `${f.code} ${f.text}`);

const vs = (host: string, gateway?: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: vs
spec:
  hosts: [shop.example.com]${gateway ? `\n  gateways: [${gateway}]` : ''}
  http:
  - route:
    - destination:
        host: ${host}
`;
const argoApp = (path: string, ns: string, extra = '') => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: app
  namespace: argocd
spec:
  project: default
  source:
    repoURL: https://github.com/example/gitops.git
    path: ${path}${extra}
  destination:
    server: https://kubernetes.default.svc
    namespace: ${ns}
`;
const fluxKustomization = (path: string, ns: string) => `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: apps
  namespace: flux-system
spec:
  interval: 10m
  path: ${path}
  targetNamespace: ${ns}
  sourceRef: {kind: GitRepository, name: flux-system}
`;
const complete = { complete: true };

describe('Argo CD Application', () => {
  const app = {
    'repo/apps/shop/app.yaml': service('frontend') + '---\n' + vs('frontend.shop.svc.cluster.local'),
  };

  it('puts the namespace-less manifests of its path in its destination namespace', () => {
    assert.deepEqual(codes(runAnalyzer(HOSTS, app, complete)), ['IST0101 frontend.shop.svc.cluster.local']);
    const files = { ...app, 'repo/clusters/prod/apps.yaml': argoApp('apps/shop', 'shop') };
    assert.deepEqual(codes(runAnalyzer(HOSTS, files, complete)), []);
  });

  it('keeps a namespace the manifest writes', () => {
    const files = {
      'repo/apps/shop/app.yaml':
        service('frontend', 'other') + '---\n' + vs('frontend.shop.svc.cluster.local'),
      'repo/clusters/prod/apps.yaml': argoApp('apps/shop', 'shop'),
    };
    assert.deepEqual(codes(runAnalyzer(HOSTS, files, complete)), ['IST0101 frontend.shop.svc.cluster.local']);
  });

  it('decides nothing when its path names two directories of the workspace', () => {
    const files = {
      ...app,
      'repo/legacy/apps/shop/other.yaml': service('other'),
      'repo/clusters/prod/apps.yaml': argoApp('apps/shop', 'shop'),
    };
    assert.deepEqual(codes(runAnalyzer(HOSTS, files, complete)), ['IST0101 frontend.shop.svc.cluster.local']);
  });

  it('decides nothing when two Applications apply one directory to different namespaces', () => {
    const files = {
      ...app,
      'repo/clusters/prod/apps.yaml': argoApp('apps/shop', 'shop'),
      'repo/clusters/dev/apps.yaml': argoApp('apps/shop', 'shop-dev'),
    };
    assert.deepEqual(codes(runAnalyzer(HOSTS, files, complete)), ['IST0101 frontend.shop.svc.cluster.local']);
  });

  it('reads a plain directory without its subdirectories, unless directory.recurse', () => {
    const files = {
      'repo/apps/shop/vs.yaml': vs('frontend.shop.svc.cluster.local'),
      'repo/apps/shop/svc/svc.yaml': service('frontend'),
      'repo/clusters/prod/apps.yaml': argoApp('apps/shop', 'shop'),
    };
    assert.deepEqual(codes(runAnalyzer(HOSTS, files, complete)), ['IST0101 frontend.shop.svc.cluster.local']);
    files['repo/clusters/prod/apps.yaml'] = argoApp('apps/shop', 'shop', '\n    directory: {recurse: true}');
    assert.deepEqual(codes(runAnalyzer(HOSTS, files, complete)), []);
  });

  it("places the rendering of the kustomization at its path, a base's documents included", () => {
    const files = {
      'repo/apps/base/kustomization.yaml': 'resources: [svc.yaml]\n',
      'repo/apps/base/svc.yaml': service('frontend'),
      'repo/apps/overlays/prod/kustomization.yaml': 'resources: [../../base, vs.yaml]\n',
      'repo/apps/overlays/prod/vs.yaml': vs('frontend.shop.svc.cluster.local'),
      'repo/clusters/prod/apps.yaml': argoApp('apps/overlays/prod', 'shop'),
    };
    assert.deepEqual(codes(runAnalyzer(HOSTS, files, complete)), []);
  });

  it('without the whole cluster, adds a namespace to try, and so never a finding', () => {
    // The short gateway name is the VirtualService's namespace: in `shop` it names nothing. The
    // workspace as written may put both in one namespace, and only the whole cluster decides.
    const files = {
      'repo/apps/shop/vs.yaml': vs('frontend', 'public'),
      'repo/apps/shop/svc.yaml': service('frontend'),
      'repo/infra/gw.yaml': publicGateway(),
      'repo/clusters/prod/apps.yaml': argoApp('apps/shop', 'shop'),
    };
    assert.deepEqual(codes(runAnalyzer(GATEWAYS, files)), []);
    assert.deepEqual(codes(runAnalyzer(GATEWAYS, files, complete)), ['IST0101 public', 'IST0132 public']);
    const parsed = Object.entries(files).map(([p, t]) => parseFile(`file:///${p}`, t));
    assert.ok(buildWorkspace(parsed).candidateNamespaces().includes('shop'));
  });

  it('its destination namespace exists once it is synced', () => {
    const policy = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: from-shop
  namespace: backend
spec:
  rules:
  - from:
    - source:
        namespaces: [shop]
`;
    const auth = 'auth.AuthorizationPoliciesAnalyzer';
    const namespaceFindings = (files: Record<string, string>) =>
      runAnalyzer(auth, files, complete)
        .filter((f) => f.code === 'IST0101')
        .map((f) => f.message);
    assert.deepEqual(namespaceFindings({ 'ap.yaml': policy }), ['Referenced namespace not found: "shop"']);
    assert.deepEqual(namespaceFindings({ 'ap.yaml': policy, 'app.yaml': argoApp('apps/shop', 'shop') }), []);
  });

  it('a chart source renders what the files cannot show into its destination namespace', () => {
    const chartApp = `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: gateway
  namespace: argocd
spec:
  source:
    repoURL: https://istio-release.storage.googleapis.com/charts
    chart: gateway
    targetRevision: 1.22.0
  destination:
    namespace: istio-ingress
`;
    const gw = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: public
  namespace: istio-ingress
spec:
  selector: {istio: ingress}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*"]
`;
    const selector = 'gateway.IngressGatewayPortAnalyzer';
    const opts = { complete: true, installed: 'none' as const };
    assert.deepEqual(codes(runAnalyzer(selector, { 'gw.yaml': gw }, opts)), ['IST0101 ingress']);
    assert.deepEqual(codes(runAnalyzer(selector, { 'gw.yaml': gw, 'app.yaml': chartApp }, opts)), []);
  });

  it('a chart a kustomization inflates (helmCharts) renders what the files cannot show, as a chart source does', () => {
    const gw = publicGateway('istio: ingress');
    const kustomization = (chart: string, ns = '') =>
      `${ns}resources:\n- gw.yaml\nhelmCharts:\n- name: gateway\n  repo: https://istio-release.storage.googleapis.com/charts\n  releaseName: ingress\n${chart}`;
    const selector = 'gateway.IngressGatewayPortAnalyzer';
    const opts = { complete: true, installed: 'none' as const };
    const files = (k: string) => ({ 'gw/gw.yaml': gw, 'gw/kustomization.yaml': k });
    assert.deepEqual(codes(runAnalyzer(selector, { 'gw/gw.yaml': gw }, opts)), ['IST0101 ingress']);
    // The entry's release namespace, the kustomization's namespace, or helm's default.
    assert.deepEqual(
      codes(runAnalyzer(selector, files(kustomization('  namespace: istio-ingress\n')), opts)),
      [],
    );
    assert.deepEqual(
      codes(runAnalyzer(selector, files(kustomization('', 'namespace: istio-ingress\n')), opts)),
      [],
    );
    assert.deepEqual(codes(runAnalyzer(selector, files(kustomization('')), opts)), []);
    // Unknown there only: a Service the chart does not render into the host's namespace is still missing.
    const vsFiles = {
      'gw/kustomization.yaml': kustomization('  namespace: istio-ingress\n'),
      'gw/gw.yaml': gw,
      'apps/vs.yaml': vs('frontend.shop.svc.cluster.local'),
    };
    assert.deepEqual(codes(runAnalyzer(HOSTS, vsFiles, { complete: true })), [
      'IST0101 frontend.shop.svc.cluster.local',
    ]);
  });
});

describe('Argo CD ApplicationSet', () => {
  const files = {
    'repo/apps/shop/app.yaml': service('frontend') + '---\n' + vs('frontend.shop.svc.cluster.local'),
    'repo/apps/blog/app.yaml':
      service('posts') + '---\n' + vs('posts.blog.svc.cluster.local').replace('name: vs', 'name: blog'),
  };
  const appSet = (
    generators: string,
    path: string,
    ns: string,
    goTemplate = false,
  ) => `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: apps
  namespace: argocd
spec:
  goTemplate: ${goTemplate}
  generators:
${generators}
  template:
    metadata:
      name: app
    spec:
      project: default
      source:
        repoURL: https://github.com/example/gitops.git
        path: '${path}'
      destination:
        server: https://kubernetes.default.svc
        namespace: '${ns}'
`;
  const git = (...dirs: string[]) => `  - git:
      repoURL: https://github.com/example/gitops.git
      directories:
${dirs.map((d) => `      - ${d}`).join('\n')}`;

  it("generates an Application per directory its git generator matches, in the directory's name", () => {
    assert.deepEqual(codes(runAnalyzer(HOSTS, files, complete)).sort(), [
      'IST0101 frontend.shop.svc.cluster.local',
      'IST0101 posts.blog.svc.cluster.local',
    ]);
    const legacy = appSet(git('path: apps/*'), '{{path}}', '{{path.basename}}');
    assert.deepEqual(codes(runAnalyzer(HOSTS, { ...files, 'repo/argocd/apps.yaml': legacy }, complete)), []);
    const goTemplate = appSet(git('path: apps/*'), '{{.path.path}}', '{{ .path.basename }}', true);
    assert.deepEqual(
      codes(runAnalyzer(HOSTS, { ...files, 'repo/argocd/apps.yaml': goTemplate }, complete)),
      [],
    );
    const excluded = appSet(
      git('path: apps/*', '{path: apps/blog, exclude: true}'),
      '{{path}}',
      '{{path[1]}}',
    );
    assert.deepEqual(codes(runAnalyzer(HOSTS, { ...files, 'repo/argocd/apps.yaml': excluded }, complete)), [
      'IST0101 posts.blog.svc.cluster.local',
    ]);
  });

  it('generates an Application per element of its list generator', () => {
    const list = appSet(
      '  - list:\n      elements:\n      - {app: shop, ns: shop}\n      - {app: blog, ns: other}',
      'apps/{{app}}',
      '{{ns}}',
    );
    assert.deepEqual(codes(runAnalyzer(HOSTS, { ...files, 'repo/argocd/apps.yaml': list }, complete)), [
      'IST0101 posts.blog.svc.cluster.local',
    ]);
  });
});

describe('Flux', () => {
  it("a Kustomization's targetNamespace overrides the namespaces of its path's tree", () => {
    const files = {
      'repo/apps/shop/svc/svc.yaml': service('frontend', 'default'),
      'repo/apps/shop/vs.yaml': vs('frontend.shop.svc.cluster.local'),
    };
    assert.deepEqual(codes(runAnalyzer(HOSTS, files, complete)), ['IST0101 frontend.shop.svc.cluster.local']);
    const withFlux = { ...files, 'repo/clusters/prod/apps.yaml': fluxKustomization('./apps/shop', 'shop') };
    assert.deepEqual(codes(runAnalyzer(HOSTS, withFlux, complete)), []);
  });

  it('a HelmRelease renders unknown Services into its namespace, and only there', () => {
    const release = (ns: string) => `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: podinfo
  namespace: ${ns}
spec:
  chart:
    spec:
      chart: podinfo
      sourceRef: {kind: HelmRepository, name: podinfo}
`;
    const files = { 'vs.yaml': vs('podinfo.apps.svc.cluster.local') };
    assert.deepEqual(codes(runAnalyzer(HOSTS, { ...files, 'hr.yaml': release('apps') }, complete)), []);
    assert.deepEqual(codes(runAnalyzer(HOSTS, { ...files, 'hr.yaml': release('other') }, complete)), [
      'IST0101 podinfo.apps.svc.cluster.local',
    ]);
  });
  it("a HelmRelease's pods are unknown in its namespace: a policy's selector is not proven empty there", () => {
    const release = `apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: podinfo
  namespace: apps
spec:
  targetNamespace: podinfo
  chart:
    spec:
      chart: podinfo
      sourceRef: {kind: HelmRepository, name: podinfo}
`;
    const policy = (ns: string) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: podinfo
  namespace: ${ns}
spec:
  selector:
    matchLabels: {app.kubernetes.io/name: podinfo}
  rules:
  - {}
`;
    const auth = 'auth.AuthorizationPoliciesAnalyzer';
    const run = (ns: string) =>
      codes(runAnalyzer(auth, { 'hr.yaml': release, 'ap.yaml': policy(ns) }, complete));
    assert.deepEqual(run('podinfo'), []);
    assert.deepEqual(run('apps'), ['IST0127 matchLabels: {app.kubernetes.io/name: podinfo}\n']);
  });
});

describe('Flagger Canary', () => {
  const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: podinfo
  namespace: test
spec:
  selector:
    matchLabels: {app: podinfo}
  template:
    metadata:
      labels: {app: podinfo, team: a}
    spec:
      containers:
      - name: podinfod
        image: ghcr.io/stefanprodan/podinfo:6.0.0
        ports:
        - {name: http, containerPort: 9898}
        - {name: grpc, containerPort: 9999}
`;
  const canary = (service: string) => `apiVersion: flagger.app/v1beta1
kind: Canary
metadata:
  name: podinfo
  namespace: test
spec:
  targetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: podinfo
  service:
${service}
`;
  const route = (host: string, port: number) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: podinfo
  namespace: test
spec:
  hosts: [app.example.com]
  http:
  - route:
    - destination:
        host: ${host}
        port: {number: ${port}}
`;

  it('creates the apex, primary and canary Services, with the discovered ports', () => {
    const files = (host: string, port: number) => ({
      'dep.yaml': deployment,
      'canary.yaml': canary('    port: 9898\n    portDiscovery: true'),
      'vs.yaml': route(host, port),
    });
    for (const host of ['podinfo', 'podinfo-primary', 'podinfo-canary.test.svc.cluster.local'])
      assert.deepEqual(codes(runAnalyzer(HOSTS, files(host, 9898), complete)), [], host);
    assert.deepEqual(codes(runAnalyzer(HOSTS, files('podinfo-primary', 9999), complete)), []);
    assert.deepEqual(codes(runAnalyzer(HOSTS, files('podinfo-primry', 9898), complete)), [
      'IST0101 podinfo-primry',
    ]);
    const noDiscovery = { ...files('podinfo', 9999), 'canary.yaml': canary('    port: 9898') };
    assert.deepEqual(codes(runAnalyzer(HOSTS, noDiscovery, complete)), ['IST0101 9999']);
  });

  it('names the Services after spec.service.name', () => {
    const files = {
      'dep.yaml': deployment,
      'canary.yaml': canary('    name: web\n    port: 80'),
      'vs.yaml': route('web-canary', 80),
    };
    assert.deepEqual(codes(runAnalyzer(HOSTS, files, complete)), []);
    files['vs.yaml'] = route('podinfo-canary', 80);
    assert.deepEqual(codes(runAnalyzer(HOSTS, files, complete)), ['IST0101 podinfo-canary']);
  });

  it("runs the primary's pods, labelled <target>-primary", () => {
    const rule = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: podinfo
  namespace: test
spec:
  host: podinfo-primary
  subsets:
  - name: stable
    labels: {app: podinfo-primary, team: a}
`;
    const files = { 'dep.yaml': deployment, 'canary.yaml': canary('    port: 9898'), 'dr.yaml': rule };
    assert.deepEqual(codes(runAnalyzer('destinationrule.SubsetSelectPodAnalyzer', files)), []);
    const wrong = { ...files, 'dr.yaml': rule.replace('team: a', 'team: b') };
    assert.deepEqual(codes(runAnalyzer('destinationrule.SubsetSelectPodAnalyzer', wrong)), [
      'IST0173 stable',
    ]);
  });

  it('reports nothing on what it creates, and does not create a Service the workspace writes', () => {
    // portName `web` would be IST0118 on a Service of our own; a hand-written apex Service stays the only one.
    const files = {
      'dep.yaml': deployment,
      'canary.yaml': canary('    port: 9898\n    portName: web'),
      'svc.yaml': service('podinfo', 'test'),
    };
    assert.deepEqual(codes(runAnalyzer('service.PortNameAnalyzer', files)), []);
    const parsed = Object.entries(files).map(([p, t]) => parseFile(`file:///${p}`, t));
    const ws = buildWorkspace(parsed);
    assert.deepEqual(
      ws
        .resources('Service', '')
        .map((r) => r.name)
        .sort(),
      ['podinfo', 'podinfo-canary', 'podinfo-primary'],
    );
    assert.equal(ws.shadowedBy.size, 0);
  });
});

/** An Argo Rollout of pods labelled app: web; `strategy` is YAML under spec (two-space indented). */
const rolloutOf = (strategy = '') => `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}${strategy}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - {name: web, image: nginx}
`;

/** A DestinationRule for host `web` with one subset `name` selecting `labels` (flow-mapping entries). */
const subsetRule = (name: string, labels: string) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: web
spec:
  host: web
  subsets:
  - name: ${name}
    labels: {${labels}}
`;

describe('Argo Rollout', () => {
  it("runs its stable and canary pods with the labels its strategy's ephemeral metadata gives them", () => {
    const rollout = rolloutOf(`
  strategy:
    canary:
      canaryMetadata:
        labels: {role: canary}
      stableMetadata:
        labels: {role: stable}`);
    const rule = (role: string) => subsetRule(role, `role: ${role}`);
    const select = 'destinationrule.SubsetSelectPodAnalyzer';
    const run = (role: string) =>
      codes(
        runAnalyzer(select, { 'svc.yaml': service('web'), 'rollout.yaml': rollout, 'dr.yaml': rule(role) }),
      );
    assert.deepEqual(run('canary'), []);
    assert.deepEqual(run('stable'), []);
    assert.deepEqual(run('preview'), ['IST0173 preview']);
  });

  it("runs its template's pods", () => {
    const rollout = rolloutOf();
    const rule = subsetRule('stable', 'app: web');
    const files = { 'svc.yaml': service('web'), 'rollout.yaml': rollout, 'dr.yaml': rule };
    const select = 'destinationrule.SubsetSelectPodAnalyzer';
    assert.deepEqual(codes(runAnalyzer(select, files, complete)), []);
    assert.deepEqual(codes(runAnalyzer(select, { 'svc.yaml': service('web'), 'dr.yaml': rule }, complete)), [
      'IST0173 stable',
    ]);
  });
});

describe('Gateways the workspace cannot read', () => {
  // The workspace's Gateways of a namespace are its whole set only when nothing unread renders there: a
  // chart a GitOps object installs, or a remote base a kustomization fetches (an upstream install such as
  // Knative's net-istio, beside the Gateway a repository adds to its namespace), may hold the one referenced.
  const gateway = (name: string) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: ${name}
  namespace: edge
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*"]
`;
  const route = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: shop
  namespace: apps
spec:
  hosts: [shop.example.com]
  gateways: [edge/public]
  http:
  - route:
    - destination:
        host: shop
`;
  const missing = ['IST0101 edge/public', 'IST0132 edge/public'];
  const run = (files: Record<string, string>) => codes(runAnalyzer(GATEWAYS, files));

  it('a chart a GitOps object installs into the namespace may hold the Gateway referenced', () => {
    const chartApp = (ns: string) => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: gateways
  namespace: argocd
spec:
  source:
    repoURL: https://charts.example.com
    chart: gateways
    targetRevision: 1.0.0
  destination:
    namespace: ${ns}
`;
    const files = { 'edge/internal.yaml': gateway('internal'), 'apps/vs.yaml': route };
    assert.deepEqual(run(files), missing);
    assert.deepEqual(run({ ...files, 'argo/gateways.yaml': chartApp('edge') }), []);
    // A chart rendered into another namespace leaves edge's set whole.
    assert.deepEqual(run({ ...files, 'argo/gateways.yaml': chartApp('monitoring') }), missing);
  });

  it("a remote base fetched by the Gateway's rendering may hold the one referenced", () => {
    const remote = '- https://github.com/example/platform/releases/download/v1.0.0/install.yaml\n';
    const files = (resources: string) => ({
      'platform/kustomization.yaml': `resources:\n${resources}- internal.yaml\n`,
      'platform/internal.yaml': gateway('internal'),
      'apps/vs.yaml': route,
    });
    assert.deepEqual(run(files('')), missing);
    assert.deepEqual(run(files(remote)), []);
  });

  it('a remote base a kustomization fetches into the namespace may hold the one referenced', () => {
    const files = (ns: string) => ({
      'install/kustomization.yaml': `namespace: ${ns}\nresources:\n- github.com/example/platform/config?ref=v1.0.0\n`,
      'gateways/internal.yaml': gateway('internal'),
      'apps/vs.yaml': route,
    });
    assert.deepEqual(run(files('edge')), []);
    // Fetched into another namespace: edge's Gateways are still the workspace's.
    assert.deepEqual(run(files('monitoring')), missing);
  });
});
