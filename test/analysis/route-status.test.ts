// A Gateway API route's status derived from the manifests (analyzers/util/route-status.ts, through
// conditions.ConditionAnalyzer): a parent, listener or backend the workspace proves missing (IST0101), a
// parent whose listeners do not admit the route (IST0171 NotAllowedByListeners, NoMatchingListenerHostname:
// listener-admission.ts), and nothing where the
// workspace cannot tell (a name unlike anything it holds, a namespace decided at apply time, another class).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runAnalyzer, type RunOptions } from './run-analyzer';

const NAME = 'conditions.ConditionAnalyzer';

const gateway = (
  opts: { ns?: string; from?: string; cls?: string; name?: string; hostname?: string } = {},
) => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: ${opts.name ?? 'public'}
${opts.ns === undefined ? '  namespace: infra\n' : opts.ns ? `  namespace: ${opts.ns}\n` : ''}spec:
  gatewayClassName: ${opts.cls ?? 'istio'}
  listeners:
  - name: http
    port: 80
    protocol: HTTP
${opts.hostname ? `    hostname: "${opts.hostname}"\n` : ''}${opts.from ? `    allowedRoutes:\n      namespaces:\n        from: ${opts.from}\n` : ''}  - name: db
    port: 5432
    protocol: TCP
    allowedRoutes:
      namespaces:
        from: All
`;

const service = `apiVersion: v1
kind: Service
metadata: {name: storefront, namespace: shop}
spec:
  selector: {app: storefront}
  ports:
  - {name: http, port: 8080}
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: payments-api, namespace: shop}
spec:
  hosts: [api.payments.example.com]
  ports:
  - {number: 443, name: https, protocol: HTTPS}
  resolution: DNS
`;

const route = (
  parent: string,
  backend = '- {name: storefront, port: 8080}',
  kind = 'HTTPRoute',
  ns = 'shop',
) => `apiVersion: gateway.networking.k8s.io/v1
kind: ${kind}
metadata:
  name: web
${ns ? `  namespace: ${ns}\n` : ''}spec:
  parentRefs:
  - ${parent}
  rules:
  - backendRefs:
    ${backend}
`;

/** The route with these `hostnames` (none when empty), renamed. */
const hostnames = (text: string, host: string, name = 'web') =>
  text
    .replace('name: web', `name: ${name}`)
    .replace('spec:\n', host ? `spec:\n  hostnames: ["${host}"]\n` : 'spec:\n');

const run = (files: Record<string, string>, opts?: RunOptions) =>
  runAnalyzer(NAME, files, opts).map((f) => `${f.code} ${f.text}: ${f.message}`);

const cases: { name: string; files: Record<string, string>; opts?: RunOptions; expect: RegExp[] }[] = [
  {
    name: 'an attached route with its backend is silent',
    files: {
      g: gateway({ from: 'All' }),
      s: service,
      r: route('{name: public, namespace: infra, sectionName: http}'),
    },
    expect: [],
  },
  {
    name: 'a parentRef one slip from a Gateway of its namespace names nothing',
    files: { g: gateway({ from: 'All' }), s: service, r: route('{name: pubilc, namespace: infra}') },
    expect: [/^IST0101 pubilc: Referenced gateway not found: "infra\/pubilc"/],
  },
  {
    name: 'a parentRef unlike any Gateway of the workspace may name one made elsewhere',
    files: { s: service, r: route('{name: shared-edge, namespace: infra}') },
    expect: [],
  },
  {
    name: "an Istio Gateway of the parent's namespace proves nothing about its Gateway API Gateways",
    files: {
      i: 'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: edge, namespace: infra}\nspec:\n  selector: {istio: ingressgateway}\n  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]\n',
      s: service,
      r: route('{name: public, namespace: infra}'),
    },
    expect: [],
  },
  {
    name: 'a sectionName or port no listener has',
    files: {
      g: gateway({ from: 'All' }),
      s: service,
      r: route('{name: public, namespace: infra, sectionName: htps}'),
      r2: route('{name: public, namespace: infra, port: 443}').replace('name: web', 'name: web2'),
    },
    expect: [
      /^IST0101 htps: Referenced listener not found: "infra\/public\/htps"/,
      /^IST0101 443: Referenced listener port not found: "infra\/public:443"/,
    ],
  },
  {
    name: "listeners that admit routes of the Gateway's namespace only (the default)",
    files: { g: gateway(), s: service, r: route('{name: public, namespace: infra}') },
    expect: [
      /^IST0171 public: .*reason=NotAllowedByListeners.*listener http admits routes of namespace infra only; listener db \(TCP\) takes TCPRoute, not HTTPRoute/,
    ],
  },
  {
    name: "route hostnames none of which matches the listener's (each side a wildcard, matched both ways)",
    files: {
      g: gateway({ from: 'All', hostname: '*.example.org' }),
      s: service,
      r: hostnames(route('{name: public, namespace: infra, sectionName: http}'), 'shop.example.com'),
      r2: hostnames(
        route('{name: public, namespace: infra, sectionName: http}', '', 'HTTPRoute'),
        '*.example.org',
        'web2',
      ),
      r3: hostnames(
        route('{name: public, namespace: infra, sectionName: http}', '', 'HTTPRoute'),
        'a.b.example.org',
        'web3',
      ),
      r4: hostnames(
        route('{name: public, namespace: infra, sectionName: http}', '', 'HTTPRoute'),
        '',
        'web4',
      ),
      r5: hostnames(
        route('{name: public, namespace: infra, sectionName: http}', '', 'HTTPRoute'),
        'shop.${DOMAIN}',
        'web5',
      ),
    },
    expect: [
      /^IST0171 public: .*reason=NoMatchingListenerHostname, message=no listener of Gateway infra\/public admits it: no hostnames matched parent hostname "\*\.example\.org"/,
    ],
  },
  {
    name: 'a hostname one listener matches; a namespace refusal outranks a hostname one',
    files: {
      g: gateway({ hostname: 'shop.example.com' }).replace(
        '  - name: db',
        '  - name: web\n    port: 8080\n    protocol: HTTP\n    hostname: "*.example.net"\n    allowedRoutes:\n      namespaces:\n        from: All\n  - name: db',
      ),
      s: service,
      r: hostnames(route('{name: public, namespace: infra}'), 'shop.example.com'),
      r2: hostnames(route('{name: public, namespace: infra}', '', 'HTTPRoute'), 'x.example.net', 'web2'),
    },
    expect: [
      /^IST0171 public: .*reason=NotAllowedByListeners, message=no listener of Gateway infra\/public admits it: listener http admits routes of namespace infra only; listener db \(TCP\) takes TCPRoute, not HTTPRoute\.$/,
    ],
  },
  {
    name: 'a route whose namespace is given at apply time may be applied beside the Gateway',
    files: {
      g: gateway(),
      s: service,
      r: route('{name: public, namespace: infra}', '- {name: web, port: 80}', 'HTTPRoute', ''),
    },
    expect: [],
  },
  {
    name: 'a TCPRoute on an HTTP listener of an Istio Gateway; another implementation decides its own kinds',
    files: {
      g: gateway({ from: 'All' }),
      g2: gateway({ from: 'All', cls: 'envoy', name: 'other' }),
      s: service,
      r: route(
        '{name: public, namespace: infra, sectionName: http}',
        '- {name: storefront, port: 8080}',
        'TCPRoute',
      ),
      r2: route(
        '{name: other, namespace: infra, sectionName: http}',
        '- {name: storefront, port: 8080}',
        'TCPRoute',
      ).replace('name: web', 'name: web2'),
    },
    expect: [/^IST0171 public: .*listener http \(HTTP\) takes HTTPRoute, GRPCRoute, not TCPRoute/],
  },
  {
    name: 'a listener another definition of the Gateway has',
    files: {
      g: gateway({ from: 'All' }),
      g2: gateway({ from: 'All' }).replace('name: db', 'name: postgres'),
      s: service,
      r: route(
        '{name: public, namespace: infra, sectionName: postgres}',
        '- {name: storefront, port: 8080}',
        'TCPRoute',
      ),
    },
    expect: [],
  },
  {
    name: 'backendRefs: a misspelt Service, a port the Service lacks, a misspelt ServiceEntry host',
    files: {
      g: gateway({ from: 'All' }),
      s: service,
      r: route(
        '{name: public, namespace: infra}',
        `- {name: storefrnt, port: 8080}
    - {name: storefront, port: 80}
    - {kind: Hostname, group: networking.istio.io, name: api.payment.example.com, port: 443}
    - {kind: Hostname, group: networking.istio.io, name: api.payments.example.com, port: 443}
    - {name: inventory, port: 8080}`,
      ),
    },
    expect: [
      /^IST0101 storefrnt: Referenced service not found: "storefrnt.shop"/,
      /^IST0101 80: Referenced service:port not found: "storefront.shop:80"/,
      /^IST0101 api.payment.example.com: Referenced host not found: "api.payment.example.com"/,
    ],
  },
  {
    name: 'a mesh route (parentRef to a Service) one slip from a Service',
    files: { s: service, r: route('{group: "", kind: Service, name: storefromt, port: 8080}') },
    expect: [/^IST0101 storefromt: Referenced service not found: "storefromt.shop"/],
  },
  {
    name: "a route dumped with its status is judged by istiod's own conditions",
    files: {
      g: gateway({ from: 'All' }),
      s: service,
      r:
        route('{name: pubilc, namespace: infra}') +
        'status:\n  parents:\n  - parentRef: {name: pubilc}\n    controllerName: istio.io/gateway-controller\n    conditions: []\n',
    },
    expect: [],
  },
];

for (const c of cases)
  test(`route status: ${c.name}`, () => {
    const got = run(c.files, c.opts);
    assert.equal(got.length, c.expect.length, got.join('\n'));
    c.expect.forEach((re, i) => assert.match(got[i], re));
  });

test('route status: a parentRef kustomize left naming the Gateway its namePrefix renamed', () => {
  const got = run({
    'base/all.yaml':
      gateway({ ns: '' }) +
      '---\n' +
      route('{name: public}', '- {name: storefront, port: 8080}', 'HTTPRoute', ''),
    'base/kustomization.yaml': 'resources:\n- all.yaml\n',
    'prod/kustomization.yaml': 'namespace: prod\nnamePrefix: prod-\nresources:\n- ../base\n',
  });
  assert.equal(got.length, 1, got.join('\n'));
  assert.match(
    got[0],
    /Referenced gateway not found: "prod\/public" \(kustomize's namePrefix "prod-" renamed Gateway public to prod-public; it does not rewrite HTTPRoute parentRefs\)/,
  );
});
