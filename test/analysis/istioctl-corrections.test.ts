// Where Istio Lens deliberately differs from `istioctl analyze` (README, "Differences from istioctl"):
// both hold in assume-complete mode too, where istioctl reports them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runAnalyzer } from './run-analyzer';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkWorkspace } from '../../server/src/engine/checkWorkspace';
import { testEnv } from '../helpers/env';

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

// A DENY rule on HTTP attributes only: Istio warns it denies every TCP connection in its scope.
const denyJwt = (ns: string, selector: string) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: require-jwt
  namespace: ${ns}
spec:
  action: DENY
  selector:
    matchLabels: {${selector}}
  rules:
  - from:
    - source:
        notRequestPrincipals: ["*"]
  - to:
    - operation:
        ports: ["8080"]
`;
const workload = (name: string, ns: string, port = '') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: main, image: example/${name}}]}
${port ? `---\napiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  selector: {app: ${name}}\n  ports: [${port}]\n` : ''}`;
const gatewayServer = (server: string) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: edge, namespace: web}
spec:
  selector: {app: edge-gw}
  servers:
  - {port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}
${server}`;
const AP = 'schema.ValidationAnalyzer.AuthorizationPolicy';

test('HTTP-only DENY rule: information when every selected workload serves only HTTP', () => {
  const https = '  - {port: {number: 443, name: https, protocol: HTTPS}, hosts: ["*"], tls: {mode: SIMPLE}}';
  const passthrough = https.replace('SIMPLE', 'PASSTHROUGH');
  for (const complete of [false, true]) {
    const run = (files: Record<string, string>) => runAnalyzer(AP, files, { complete });
    const gw = (server: string) => ({
      ap: denyJwt('gw', 'app: edge-gw'),
      w: workload('edge-gw', 'gw'),
      g: gatewayServer(server),
    });
    // Only the first rule is HTTP-only (the second names a port); it alone is reassessed.
    const terminated = run(gw(https));
    assert.deepEqual(levels(terminated), ['IST0133:3']);
    assert.equal(terminated[0].line, 10);
    assert.match(
      terminated[0].message,
      /will deny all traffic to TCP ports.*serve only HTTP \(gateway web\/edge\)/,
    );
    // A passthrough server is TCP at the gateway: Istio's warning stands (the per-file rule's).
    assert.deepEqual(run(gw(passthrough)), []);
    // HTTPS without a tls block, or with no mode (PASSTHROUGH, the zero value), is not terminated either.
    assert.deepEqual(run(gw('  - {port: {number: 443, name: https, protocol: HTTPS}, hosts: ["*"]}')), []);
    assert.deepEqual(run(gw(https.replace('{mode: SIMPLE}', '{credentialName: edge-cert}'))), []);
    // A sidecar workload: by its Services' ports.
    const app = (port: string) => ({ ap: denyJwt('shop', 'app: cart'), w: workload('cart', 'shop', port) });
    assert.deepEqual(levels(run(app('{name: http-web, port: 80}'))), ['IST0133:3']);
    assert.deepEqual(levels(run(app('{name: grpc, port: 90}, {port: 91, appProtocol: http}'))), [
      'IST0133:3',
    ]);
    assert.deepEqual(run(app('{name: http, port: 80}, {name: tcp-db, port: 5432}')), []);
    assert.deepEqual(run(app('{name: web, port: 80}')), [], 'an unnamed protocol is sniffed: TCP too');
    // No Service, no matching workload, no selector: the scope is not shown, the warning stands.
    assert.deepEqual(run({ ap: denyJwt('shop', 'app: cart'), w: workload('cart', 'shop') }), []);
    assert.deepEqual(
      run({ ap: denyJwt('shop', 'app: nothing'), w: workload('cart', 'shop', '{name: http, port: 80}') }),
      [],
    );
    const noSelector = denyJwt('shop', 'app: cart').replace(/ {2}selector:\n.*\n/, '');
    assert.deepEqual(run({ ap: noSelector, w: workload('cart', 'shop', '{name: http, port: 80}') }), []);
  }
});

// The same rule attached with targetRefs (ambient, Gateway API): its scope is what it targets.
const denyTargets = (refs: string) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: deny-admin, namespace: pay}
spec:
  action: DENY
  targetRefs: [${refs}]
  rules:
  - to:
    - operation:
        paths: ["/admin*"]
`;
const WAYPOINT = '{kind: Gateway, group: gateway.networking.k8s.io, name: waypoint}';
const waypoint = (labels = '') => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: waypoint, namespace: pay${labels}}
spec:
  gatewayClassName: istio-waypoint
  listeners: [{name: mesh, port: 15008, protocol: HBONE}]
`;
const payNs = (labels: string) => `apiVersion: v1
kind: Namespace
metadata: {name: pay, labels: {${labels}}}
`;
const paySvc = (name: string, ports: string, labels = '') => `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: pay${labels}}
spec:
  selector: {app: ${name}}
  ports: [${ports}]
`;

test('HTTP-only DENY rule with targetRefs: information when every target serves only HTTP', () => {
  const ns = payNs('istio.io/dataplane-mode: ambient, istio.io/use-waypoint: waypoint');
  const http = paySvc('ledger', '{name: http, port: 8080}');
  const tcp = paySvc('db', '{name: tcp-pg, port: 5432}');
  for (const complete of [false, true]) {
    const run = (files: Record<string, string>) => runAnalyzer(AP, files, { complete });
    // A waypoint: the Services its namespace label binds to it.
    const onWaypoint = run({ ap: denyTargets(WAYPOINT), gw: waypoint(), ns, http });
    assert.deepEqual(levels(onWaypoint), ['IST0133:3']);
    assert.match(
      onWaypoint[0].message,
      /what it targets serves only HTTP \(waypoint pay\/waypoint of service ledger\)/,
    );
    // A TCP Service bound too: the warning stands; unless its own label opts it out.
    assert.deepEqual(run({ ap: denyTargets(WAYPOINT), gw: waypoint(), ns, http, tcp }), []);
    const optedOut = paySvc('db', '{name: tcp-pg, port: 5432}', ', labels: {istio.io/use-waypoint: none}');
    assert.deepEqual(levels(run({ ap: denyTargets(WAYPOINT), gw: waypoint(), ns, http, tcp: optedOut })), [
      'IST0133:3',
    ]);
    // No Service bound (namespace without the label), a waypoint for workloads, or no waypoint: it stands.
    assert.deepEqual(run({ ap: denyTargets(WAYPOINT), gw: waypoint(), ns: payNs('a: b'), http }), []);
    const forWorkloads = waypoint(', labels: {istio.io/waypoint-for: workload}');
    assert.deepEqual(run({ ap: denyTargets(WAYPOINT), gw: forWorkloads, ns, http }), []);
    assert.deepEqual(run({ ap: denyTargets(WAYPOINT), ns, http }), []);
    // A Service target: by its ports.
    const svcRef = (name: string) => `{kind: Service, group: "", name: ${name}}`;
    assert.deepEqual(levels(run({ ap: denyTargets(svcRef('ledger')), http, tcp })), ['IST0133:3']);
    assert.deepEqual(run({ ap: denyTargets(`${svcRef('ledger')}, ${svcRef('db')}`), http, tcp }), []);
    assert.deepEqual(run({ ap: denyTargets(svcRef('ledgr')), http }), []);
    // A Gateway API ingress Gateway: by its listeners.
    const ingress = (protocol: string) =>
      waypoint()
        .replace('istio-waypoint', 'istio')
        .replace('{name: mesh, port: 15008, protocol: HBONE}', `{name: l, port: 443, protocol: ${protocol}}`);
    assert.deepEqual(levels(run({ ap: denyTargets(WAYPOINT), gw: ingress('HTTPS') })), ['IST0133:3']);
    assert.deepEqual(run({ ap: denyTargets(WAYPOINT), gw: ingress('TLS') }), []);
  }
});

test('HTTP-only DENY rule on the default installation’s ingress gateway', () => {
  const ap = denyJwt('istio-system', 'istio: ingressgateway');
  const gw = gatewayServer('').replace('app: edge-gw', 'istio: ingressgateway');
  assert.deepEqual(levels(runAnalyzer(AP, { ap, gw })), ['IST0133:3']);
  // Not installed, and no gateway deployment in the workspace: nothing shows the scope.
  assert.deepEqual(runAnalyzer(AP, { ap, gw }, { installed: 'none' }), []);
});

const rootSidecar = (ns: string, extra = '') => `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: default, namespace: ${ns}}
spec:${extra}
  egress:
  - hosts: ["./*", "${ns}/*", "shared/*", "shared/api.example.com"]
`;
const SC = 'schema.ValidationAnalyzer.Sidecar';

test('the root namespace default Sidecar: `./*` beside `<root>/*` is no duplicate', () => {
  for (const complete of [false, true]) {
    const found = runAnalyzer(SC, { sc: rootSidecar('istio-system') }, { complete });
    // Only the duplicate made by reading `.` as the root namespace; `shared/api.example.com` is a real one.
    assert.deepEqual(
      found.map((f) => `${f.severity} ${f.text}`),
      ['3 "istio-system/*"'],
    );
    assert.match(found[0].message, /duplicated egress host: istio-system\/\* \(harmless here/);
  }
  // In another namespace, or with a workloadSelector, `.` is that namespace: Istio's warning stands.
  assert.deepEqual(runAnalyzer(SC, { sc: rootSidecar('shop') }), []);
  const selected = rootSidecar('istio-system', '\n  workloadSelector: {labels: {app: cart}}');
  assert.deepEqual(runAnalyzer(SC, { sc: selected }), []);
  // The root namespace is the mesh config's.
  const meshRoot = { rootNamespace: 'mesh-root' };
  assert.deepEqual(runAnalyzer(SC, { sc: rootSidecar('istio-system') }, { meshConfig: meshRoot }), []);
  assert.equal(runAnalyzer(SC, { sc: rootSidecar('mesh-root') }, { meshConfig: meshRoot }).length, 1);
});

test('a reassessed webhook warning replaces the per-file one; the others stay', () => {
  const ws = (text: string) => {
    const out = checkWorkspace([parseFile('file:///sc.yaml', text)], testEnv());
    return (out.get('file:///sc.yaml') ?? [])
      .filter((d) => d.code === 'IST0133')
      .map((d) => `${d.severity}:${d.range.start.line}:${d.range.start.character}`);
  };
  // On one line: the per-file warnings on `istio-system/*` (col 19) and on the real duplicate (col 49).
  assert.deepEqual(ws(rootSidecar('istio-system')), ['3:5:19', '2:5:49']);
  assert.deepEqual(ws(rootSidecar('shop')), ['2:5:19', '2:5:41']);
});

const twoPorts = (name: string, ports = '[{name: http, port: 80}, {name: grpc, port: 9090}]') =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  selector: {app: ${name}}\n  ports: ${ports}\n`;
const routeTo = (hosts: string, gateways = '') => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: route, namespace: shop}
spec:
  hosts: [${hosts}]
${gateways ? `  gateways: [${gateways}]\n` : ''}  http:
  - route:
    - destination: {host: cart}
`;
const HOSTS = 'virtualservice.DestinationHostAnalyzer';

test('a portless destination on the sidecars goes to the port the request came in on: no IST0112', () => {
  const svcs = twoPorts('cart') + '---\n' + twoPorts('checkout', '[{name: http, port: 80}]');
  for (const complete of [false, true]) {
    const run = (vs: string) => codes(runAnalyzer(HOSTS, { s: svcs, vs }, { complete }));
    // Its own host, or a host whose ports the destination all has: every request lands on a real port.
    assert.deepEqual(run(routeTo('cart')), []);
    assert.deepEqual(run(routeTo('cart.shop.svc.cluster.local, checkout', 'mesh')), []);
    // A gateway's listener port is the gateway's: the port is required there.
    assert.deepEqual(run(routeTo('cart', 'mesh, shop-gw')), ['IST0112']);
    // A host with a port the destination lacks, a wildcard or an unknown host: the request may miss.
    assert.deepEqual(run(routeTo('cart, pay')), ['IST0112']);
    assert.deepEqual(run(routeTo('"*.shop.svc.cluster.local"')), ['IST0112']);
  }
  const withPay = { s: twoPorts('cart') + '---\n' + twoPorts('pay', '[{name: http, port: 8080}]') };
  assert.deepEqual(codes(runAnalyzer(HOSTS, { ...withPay, vs: routeTo('pay') })), ['IST0112']);
});

test('a credentialName a controller writes from an object of the workspace is no missing Secret', () => {
  const gateway = (credential: string) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: edge}
spec:
  selector: {istio: edge}
  servers:
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: [shop.example.com]
    tls: {mode: SIMPLE, credentialName: ${credential}}
`;
  const pod = `apiVersion: v1
kind: Pod
metadata: {name: edge-1, namespace: edge, labels: {istio: edge}}
spec:
  containers: [{name: istio-proxy, image: istio/proxyv2}]
`;
  const writers = `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: shop, namespace: edge}
spec:
  secretName: shop-tls
  dnsNames: [shop.example.com]
  issuerRef: {name: letsencrypt, kind: ClusterIssuer}
---
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata: {name: partner, namespace: edge}
spec:
  target: {name: partner-tls}
  secretStoreRef: {name: vault, kind: ClusterSecretStore}
---
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata: {name: legacy-tls, namespace: edge}
spec:
  encryptedData: {tls.crt: AgB, tls.key: AgC}
---
apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: elsewhere, namespace: shop}
spec:
  secretName: other-tls
  issuerRef: {name: letsencrypt, kind: ClusterIssuer}
`;
  const run = (credential: string) =>
    codes(
      runAnalyzer('gateway.SecretAnalyzer', { gw: gateway(credential), pod, writers }, { complete: true }),
    );
  for (const written of ['shop-tls', 'partner-tls', 'legacy-tls'])
    assert.deepEqual(run(written), [], written);
  // The ExternalSecret's own name is not its target's; a Certificate of another namespace writes there.
  assert.deepEqual(run('partner'), ['IST0101']);
  assert.deepEqual(run('other-tls'), ['IST0101']);
});

test('without the whole cluster, a credentialName is missing only one slip from a Secret made for a gateway that none uses', () => {
  const server = (host: string, credential: string) => `
  - port: {number: 443, name: https-${host}, protocol: HTTPS}
    hosts: [${host}.example.com]
    tls: {mode: SIMPLE, credentialName: ${credential}}`;
  const gateway = (servers: string) => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers:${servers}
`;
  const certificate = (secret: string) => `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: {name: ${secret}, namespace: istio-system}
spec:
  secretName: ${secret}
  issuerRef: {name: letsencrypt, kind: ClusterIssuer}
`;
  const run = (servers: string, secret: string) =>
    runAnalyzer('gateway.SecretAnalyzer', { gw: gateway(servers), cert: certificate(secret) }).map(
      (f) => `${f.code} ${f.text}`,
    );
  assert.deepEqual(run(server('shop', 'shop-credentail'), 'shop-credential'), ['IST0101 shop-credentail']);
  // The Secret of another server (`app-tls` beside a script's `api-tls`), unlike any, or a numbered sibling.
  assert.deepEqual(run(server('app', 'app-tls') + server('api', 'api-tls'), 'app-tls'), []);
  assert.deepEqual(run(server('shop', 'shop-tls'), 'shop-credential'), []);
  assert.deepEqual(run(server('shop', 'shop-tls-2'), 'shop-tls-1'), []);
});
