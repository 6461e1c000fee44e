// auth.AuthorizationPoliciesAnalyzer edges: in the editor (a partial view) workloads include pod
// templates and absence proves nothing; with the whole cluster (upstream), only Pods count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runAnalyzer } from './run-analyzer';
import { deployment } from '../helpers/manifests';

const NAME = 'auth.AuthorizationPoliciesAnalyzer';
const ap = (ns: string, extra = '') => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ap
  namespace: ${ns}
spec:
  selector:
    matchLabels:
      app: web
${extra}`;
const namespace = (name: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
const nsLabelled = (name: string, label: string) =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n    ${label}\n`;
const allowNothing = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: deny-all
  namespace: shop
spec: {}
`;
const fromNamespaces = `  rules:
  - from:
    - source:
        namespaces: ["shop", "bogus", "sh*"]
`;

const cases: { name: string; files: Record<string, string>; complete?: boolean; expect: string[] }[] = [
  {
    name: 'editor: no workload of the namespace in the workspace proves nothing',
    files: { a: ap('shop') },
    expect: [],
  },
  {
    name: 'editor: a Deployment template matching the selector counts',
    files: { a: ap('shop'), d: deployment('shop', 'web', 'web') },
    expect: [],
  },
  {
    name: 'editor: workloads of the namespace, none selected, one a slip away (app: webb)',
    files: { a: ap('shop'), d: deployment('shop', 'webb', 'web') },
    expect: ['IST0127 AuthorizationPolicy shop/ap|matchLabels'],
  },
  {
    // The selected workload is deployed from elsewhere: nothing in the workspace resembles it.
    name: 'editor: workloads of the namespace, none selected, none alike',
    files: { a: ap('shop'), d: deployment('shop', 'other', 'web') },
    expect: [],
  },
  {
    name: 'complete: only Pods count, as upstream',
    files: { a: ap('shop'), d: deployment('shop', 'web', 'web') },
    complete: true,
    expect: ['IST0127 AuthorizationPolicy shop/ap|matchLabels'],
  },
  {
    name: 'editor: without Namespace manifests, namespaces are not judged',
    files: { a: ap('shop', fromNamespaces) },
    expect: [],
  },
  {
    // A Namespace manifest does not list the cluster's namespaces: `bogus` may be made apart (a chart's).
    name: 'editor: namespaces in use count as existing; one the workspace does not describe is not judged',
    files: { a: ap('shop', fromNamespaces), n: namespace('other') },
    expect: [],
  },
  {
    name: 'editor: a source namespace one slip from one the workspace proves is misspelt',
    files: {
      a: ap(
        'shop',
        '  rules:\n  - from:\n    - source:\n        namespaces: ["shopp", "istio-ingress", "team2"]\n',
      ),
      n: namespace('team1'),
    },
    // `shopp` beside `shop` (the policy's own); `team2` is a numbered sibling of `team1`, no slip.
    expect: ['IST0101 AuthorizationPolicy shop/ap|"shopp"'],
  },
  {
    name: 'complete: only Namespace manifests exist',
    files: { a: ap('shop', fromNamespaces), n: namespace('other') },
    complete: true,
    expect: [
      'IST0101 AuthorizationPolicy shop/ap|"bogus"',
      'IST0101 AuthorizationPolicy shop/ap|"sh*"',
      'IST0101 AuthorizationPolicy shop/ap|"shop"',
      'IST0127 AuthorizationPolicy shop/ap|matchLabels', // no Pod at all
    ],
  },
  {
    // Namespaces are labelled with kubectl as often as in manifests: an unlabelled manifest proves nothing.
    name: 'editor: a namespace-wide policy where the Namespace manifest has no injection label',
    files: { a: allowNothing, n: namespace('shop'), d: deployment('shop', 'web', 'web') },
    expect: [],
  },
  {
    name: 'editor: a namespace-wide policy where the Namespace manifest disables injection',
    files: {
      a: allowNothing,
      n: nsLabelled('shop', 'istio-injection: disabled'),
      d: deployment('shop', 'web', 'web'),
    },
    expect: ['IST0127 AuthorizationPolicy shop/deny-all|deny-all'],
  },
  {
    name: 'complete: a namespace-wide policy where the Namespace manifest has no injection label',
    files: {
      a: allowNothing,
      n: namespace('shop'),
      p: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n  - name: web\n    image: web\n',
    },
    complete: true,
    expect: ['IST0127 AuthorizationPolicy shop/deny-all|deny-all'],
  },
  {
    // istioctl's inMesh ignores istio.io/rev; the revision's injector puts these pods in the mesh.
    name: 'editor: a namespace labelled istio.io/rev is injected',
    files: {
      a: allowNothing,
      n: nsLabelled('shop', 'istio.io/rev: stable'),
      d: deployment('shop', 'web', 'web'),
    },
    expect: [],
  },
  {
    name: 'complete: a namespace labelled istio.io/rev is injected',
    files: {
      a: allowNothing,
      n: nsLabelled('shop', 'istio.io/rev: stable'),
      p: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n  - name: web\n    image: web\n',
    },
    complete: true,
    expect: [],
  },
  {
    name: 'editor: istio-injection decides over istio.io/rev',
    files: {
      a: allowNothing,
      n: nsLabelled('shop', 'istio-injection: disabled\n    istio.io/rev: stable'),
      d: deployment('shop', 'web', 'web'),
    },
    expect: ['IST0127 AuthorizationPolicy shop/deny-all|deny-all'],
  },
  {
    // istioctl reads only the annotation istio-cni sets at runtime; the label is what enrols the pods.
    name: 'editor: a namespace labelled istio.io/dataplane-mode: ambient enrols its pods',
    files: {
      a: allowNothing,
      n: nsLabelled('shop', 'istio.io/dataplane-mode: ambient'),
      d: deployment('shop', 'web', 'web'),
    },
    expect: [],
  },
  {
    name: 'complete: a namespace labelled istio.io/dataplane-mode: ambient enrols its pods',
    files: {
      a: allowNothing,
      n: nsLabelled('shop', 'istio.io/dataplane-mode: ambient'),
      p: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n  - name: web\n    image: web\n',
    },
    complete: true,
    expect: [],
  },
  {
    name: 'complete: a pod labelled istio.io/dataplane-mode: none opts out of its ambient namespace',
    files: {
      a: allowNothing,
      n: nsLabelled('shop', 'istio.io/dataplane-mode: ambient'),
      p: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\n  labels:\n    istio.io/dataplane-mode: none\nspec:\n  containers:\n  - name: web\n    image: web\n',
    },
    complete: true,
    expect: ['IST0127 AuthorizationPolicy shop/deny-all|deny-all'],
  },
];

for (const c of cases) {
  test(c.name, () => {
    const got = runAnalyzer(NAME, c.files, { complete: c.complete });
    // The selector finding is ranged on the whole selector; print just its first key.
    assert.deepEqual(
      got
        .map((f) => `${f.code} ${f.resource}|${f.code === 'IST0127' ? f.text.split(':')[0] : f.text}`)
        .sort(),
      c.expect,
    );
  });
}

test('a targetRef one slip from a Service, ServiceEntry or Gateway of the workspace attaches the policy to nothing', () => {
  const policy = (refs: string) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: l7, namespace: pay}
spec:
  targetRefs: [${refs}]
  action: ALLOW
  rules: [{from: [{source: {principals: ["cluster.local/ns/pay/sa/checkout"]}}]}]
`;
  const svc =
    'apiVersion: v1\nkind: Service\nmetadata: {name: ledger, namespace: pay}\nspec:\n  ports: [{name: http, port: 8080}]\n';
  const waypoint =
    'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: pay-waypoint, namespace: pay}\nspec:\n  gatewayClassName: istio-waypoint\n  listeners: [{name: mesh, port: 15008, protocol: HBONE}]\n';
  const service = (name: string) => `{kind: Service, group: "", name: ${name}}`;
  const gateway = (name: string) => `{kind: Gateway, group: gateway.networking.k8s.io, name: ${name}}`;
  for (const complete of [false, true]) {
    const found = (refs: string) =>
      runAnalyzer(NAME, { ap: policy(refs), svc, waypoint }, { complete })
        .filter((f) => f.code === 'IST0101')
        .map((f) => `${f.message} @${f.text}`);
    assert.deepEqual(found(`${service('ledgr')}, ${gateway('pay-waypiont')}`), [
      'Referenced service not found: "ledgr" @ledgr',
      'Referenced gateway not found: "pay-waypiont" @pay-waypiont',
    ]);
    assert.deepEqual(found(`${service('ledger')}, ${gateway('pay-waypoint')}`), []);
    // Unlike anything here (a waypoint `istioctl waypoint apply` makes), or of another kind: not proven.
    assert.deepEqual(found(`${gateway('waypoint')}, ${service('pay-waypoint')}`), []);
  }
});

test('a policy attached to a Gateway API Gateway, or to a Service bound to a waypoint, of the workspace matches their pods', () => {
  const policy = (refs: string) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: attached, namespace: pay}
spec:
  targetRefs: [${refs}]
  action: ALLOW
  rules: [{from: [{source: {principals: ["cluster.local/ns/pay/sa/checkout"]}}]}]
`;
  const gateway = (name: string, cls: string, listener: string) =>
    `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: ${name}, namespace: pay}\nspec:\n  gatewayClassName: ${cls}\n  listeners: [${listener}]\n`;
  const svc = (name: string, labels = '{}') =>
    `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: pay, labels: ${labels}}\nspec:\n  ports: [{name: http, port: 8080}]\n`;
  const files = {
    ns: nsLabelled('pay', 'istio-injection: disabled'),
    d: deployment('pay', 'ledger', 'ledger'),
    ingress: gateway('public', 'istio', '{name: http, port: 80, protocol: HTTP}'),
    waypoint: gateway('pay-waypoint', 'istio-waypoint', '{name: mesh, port: 15008, protocol: HBONE}'),
    bound: svc('ledger', '{istio.io/use-waypoint: pay-waypoint}'),
    unbound: svc('audit'),
  };
  const ref = (kind: string, group: string, name: string) =>
    `{kind: ${kind}, group: "${group}", name: ${name}}`;
  for (const complete of [false, true]) {
    const found = (refs: string, only?: string[]) =>
      runAnalyzer(
        NAME,
        {
          ...Object.fromEntries(Object.entries(files).filter(([k]) => !only || only.includes(k))),
          ap: policy(refs),
        },
        { complete },
      )
        .filter((f) => f.code === 'IST0127')
        .map((f) => f.resource);
    // Their pods are the gateway's, which Istio's gateway controller deploys: in the mesh.
    assert.deepEqual(found(ref('Gateway', 'gateway.networking.k8s.io', 'public')), []);
    assert.deepEqual(found(ref('Gateway', 'gateway.networking.k8s.io', 'pay-waypoint')), []);
    assert.deepEqual(found(ref('Service', '', 'ledger')), []);
    // A target the workspace lacks, or a Service bound to no waypoint: read as selector-less, as istioctl does;
    // in a namespace without mesh workloads (the pods Istio deploys for the Gateways there would be some).
    const selectorLess = ['AuthorizationPolicy pay/attached'];
    const withoutGateways = ['ns', 'd', 'unbound'];
    assert.deepEqual(
      found(ref('Gateway', 'gateway.networking.k8s.io', 'private'), withoutGateways),
      selectorLess,
    );
    assert.deepEqual(found(ref('Service', '', 'audit'), withoutGateways), selectorLess);
    assert.deepEqual(found(ref('Service', '', 'audit')), []);
    assert.deepEqual(
      found(`${ref('Gateway', 'gateway.networking.k8s.io', 'public')}, ${ref('Service', '', 'audit')}`),
      [],
    );
  }
});

const pod = (ns: string, app: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: ${app}, namespace: ${ns}, labels: {app: ${app}}}\nspec:\n  containers: [{name: ${app}, image: ${app}}]\n`;

test('a PeerAuthentication or RequestAuthentication selector one slip from a workload of its namespace selects nothing', () => {
  const authn = (kind: string, app: string, ns = 'shop', extra = '') => `apiVersion: security.istio.io/v1
kind: ${kind}
metadata: {name: ${kind.toLowerCase()}, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: ${app}}}
${extra}`;
  const pa = (app: string, ns?: string) => authn('PeerAuthentication', app, ns, '  mtls: {mode: STRICT}\n');
  const ra = (app: string, ns?: string) =>
    authn('RequestAuthentication', app, ns, '  jwtRules: [{issuer: "https://issuer.example.com"}]\n');
  for (const complete of [false, true]) {
    const found = (files: Record<string, string>) =>
      runAnalyzer(NAME, files, { complete })
        .filter((f) => f.code === 'IST0127')
        .map((f) => `${f.resource}: ${f.message}`);
    const web = {
      n: nsLabelled('shop', 'istio-injection: enabled'),
      d: `${deployment('shop', 'web')}---\n${pod('shop', 'web')}`,
    };
    assert.deepEqual(found({ ...web, pa: pa('webb'), ra: ra('wb') }), [
      'PeerAuthentication shop/peerauthentication: No matching workloads for this resource with the following labels: app=webb',
      'RequestAuthentication shop/requestauthentication: No matching workloads for this resource with the following labels: app=wb',
    ]);
    // Selected, unlike any workload here (deployed apart), or slipped only from another namespace's workload.
    assert.deepEqual(found({ ...web, pa: pa('web'), ra: ra('payments') }), []);
    assert.deepEqual(found({ ...web, pa: pa('webb', 'other') }), []);
    // The root namespace's selector policy applies to matching workloads of every namespace.
    assert.deepEqual(found({ ...web, pa: pa('web', 'istio-system'), ra: ra('webb', 'istio-system') }), [
      'RequestAuthentication istio-system/requestauthentication: No matching workloads for this resource with the following labels: app=webb',
    ]);
  }
  // A RequestAuthentication attached with targetRefs: istiod does not read its selector.
  const targeted = ra('webb').replace(
    'spec:\n',
    'spec:\n  targetRefs: [{kind: Service, group: "", name: web}]\n',
  );
  assert.deepEqual(
    runAnalyzer(NAME, { d: deployment('shop', 'web'), ra: targeted }).filter((f) => f.code === 'IST0127'),
    [],
  );
});

test("a selector one slip from a workload applied with -n is misspelt in the policy's namespace", () => {
  // Istio's tasks: the sample apps name no namespace (`kubectl apply -n foo`), the policies `namespace: foo`.
  const undecided = deployment('shop', 'httpbin').replace('namespace: shop', 'labels: {}');
  const policy = (kind: string, app: string) => `apiVersion: security.istio.io/v1
kind: ${kind}
metadata: {name: p, namespace: foo}
spec:
  selector: {matchLabels: {app: ${app}}}
`;
  const found = (files: Record<string, string>) =>
    runAnalyzer(NAME, { ns: namespace('foo'), d: undecided, ...files })
      .filter((f) => f.code === 'IST0127')
      .map((f) => f.resource);
  assert.deepEqual(
    found({ a: policy('AuthorizationPolicy', 'httpbn'), p: policy('PeerAuthentication', 'htttpbin') }),
    ['AuthorizationPolicy foo/p', 'PeerAuthentication foo/p'],
  );
  assert.deepEqual(
    found({ a: policy('AuthorizationPolicy', 'httpbin'), p: policy('PeerAuthentication', 'curl') }),
    [],
  );
});

test('a source principal one slip from a service account of its namespace matches no caller', () => {
  const policy = (principals: string) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: catalog, namespace: shop}
spec:
  selector: {matchLabels: {app: catalog}}
  rules:
  - from:
    - source:
        principals: [${principals}]
`;
  const account = (name: string, ns = 'namespace: shop') =>
    `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ${name}, ${ns}}\n`;
  const found = (principals: string, files: Record<string, string> = {}) =>
    runAnalyzer(NAME, { ap: policy(principals), d: deployment('shop', 'catalog'), ...files })
      .filter((f) => f.code === 'IST0101')
      .map((f) => f.text);
  const frontend = { sa: account('frontend') };
  assert.deepEqual(found('"cluster.local/ns/shop/sa/frontnd"', frontend), [
    '"cluster.local/ns/shop/sa/frontnd"',
  ]);
  // A pod's serviceAccountName and `default` are accounts too; one applied with -n may be in the namespace.
  const withAccount = deployment('shop', 'web').replace(
    '      containers:',
    '      serviceAccountName: web-sa\n      containers:',
  );
  assert.deepEqual(
    found('"td.example/ns/shop/sa/web-sa", "cluster.local/ns/shop/sa/defautl"', { w: withAccount }),
    ['"cluster.local/ns/shop/sa/defautl"'],
  );
  assert.deepEqual(found('"cluster.local/ns/shop/sa/frontnd"', { sa: account('frontend', 'labels: {}') }), [
    '"cluster.local/ns/shop/sa/frontnd"',
  ]);
  // Shown, unlike any, of another namespace, a numbered sibling, or a wildcard: nothing proven.
  assert.deepEqual(found('"cluster.local/ns/shop/sa/frontend"', frontend), []);
  assert.deepEqual(found('"cluster.local/ns/shop/sa/payments"', frontend), []);
  assert.deepEqual(found('"cluster.local/ns/edge/sa/frontnd"', frontend), []);
  assert.deepEqual(found('"cluster.local/ns/shop/sa/worker-2"', { sa: account('worker-1') }), []);
  assert.deepEqual(found('"cluster.local/ns/shop/sa/front*"', frontend), []);
});
