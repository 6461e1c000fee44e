// Removed Istio APIs are errors naming the release and the replacement (a third-party CRD stays an
// information note), and half a header (metadata plus only apiVersion or only kind) is missing-required.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { Severity } from '../../server/src/engine/model/diagnostic';
import { testEnv } from '../helpers/env';

const check = (yaml: string) =>
  checkFile(parseFile('file:///t.yaml', yaml), testEnv()).map((d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
    line: d.range.start.line,
  }));
const doc = (apiVersion: string, kind: string) =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\n`;

test('removed Istio APIs: error, release, replacement', () => {
  const cases: [string, string, RegExp][] = [
    ['config.istio.io/v1alpha2', 'rule', /removed in Istio 1\.8 \(Mixer\); use the Telemetry API/],
    [
      'config.istio.io/v1alpha2',
      'handler',
      /removed in Istio 1\.8 \(Mixer\); .*an AuthorizationPolicy \(security\.istio\.io\/v1: ALLOW or DENY rules, or action CUSTOM .*\) for policy checks, Envoy's rate limiting \(an EnvoyFilter\) for quotas/,
    ],
    // Mixer's access control (a denier, a list check): an AuthorizationPolicy's rules
    [
      'config.istio.io/v1alpha2',
      'denier',
      /removed in Istio 1\.8 \(Mixer\); use an AuthorizationPolicy \(security\.istio\.io\/v1\): ALLOW or DENY rules/,
    ],
    ['config.istio.io/v1alpha2', 'listchecker', /use an AuthorizationPolicy/],
    // Mixer's quotas: Envoy's rate limiting; its metrics and logs: the Telemetry API
    [
      'config.istio.io/v1alpha2',
      'memquota',
      /removed in Istio 1\.8 \(Mixer\); use Envoy's local or global rate limiting/,
    ],
    ['config.istio.io/v1alpha2', 'QuotaSpecBinding', /use Envoy's local or global rate limiting/],
    [
      'config.istio.io/v1alpha2',
      'logentry',
      /removed in Istio 1\.8 \(Mixer\); use the Telemetry API \(telemetry\.istio\.io\/v1\) and/,
    ],
    // Istio 0.7's RBAC moved to rbac.istio.io, which went in its turn
    [
      'config.istio.io/v1alpha2',
      'ServiceRole',
      /^config\.istio\.io\/v1alpha2 ServiceRole moved to rbac\.istio\.io in Istio 0\.8, which Istio 1\.6 removed; use AuthorizationPolicy/,
    ],
    // 0.x routing: each kind has its successor in networking.istio.io, not Mixer's successors
    [
      'config.istio.io/v1alpha2',
      'RouteRule',
      /removed in Istio 1\.0; use VirtualService \(networking\.istio\.io\/v1\)/,
    ],
    // the end-user authentication proof of concept went before Mixer, replaced by JWT authentication
    [
      'config.istio.io/v1alpha2',
      'EndUserAuthenticationPolicySpec',
      /removed in Istio 0\.8; use RequestAuthentication \(security\.istio\.io\/v1\) to validate the JWT/,
    ],
    [
      'config.istio.io/v1alpha2',
      'EndUserAuthenticationPolicySpecBinding',
      /removed in Istio 0\.8; use Request/,
    ],
    [
      'config.istio.io/v1alpha1',
      'DestinationPolicy',
      /removed in Istio 1\.0; use DestinationRule \(networking/,
    ],
    ['config.istio.io/v1alpha2', 'EgressRule', /removed in Istio 1\.0; use ServiceEntry \(networking/],
    ['rbac.istio.io/v1alpha1', 'ServiceRole', /removed in Istio 1\.6; use AuthorizationPolicy/],
    ['rbac.istio.io/v1alpha1', 'ClusterRbacConfig', /removed in Istio 1\.6/],
    [
      'authentication.istio.io/v1alpha1',
      'Policy',
      /removed in Istio 1\.6; use PeerAuthentication and RequestAuthentication/,
    ],
    ['authentication.istio.io/v1alpha1', 'MeshPolicy', /removed in Istio 1\.6/],
  ];
  for (const [api, kind, msg] of cases) {
    const ds = check(doc(api, kind));
    assert.equal(ds.length, 1, `${api} ${kind}: ${JSON.stringify(ds)}`);
    assert.equal(ds[0].code, 'unknown-kind');
    assert.equal(ds[0].severity, Severity.Error);
    assert.match(ds[0].message, msg);
  }
});

test('built-in kinds Kubernetes removed without a successor: error, release, what to use instead', () => {
  const cases: [string, string, RegExp][] = [
    [
      'policy/v1beta1',
      'PodSecurityPolicy',
      /^policy\/v1beta1 PodSecurityPolicy was removed in Kubernetes 1\.25; use Pod Security Admission/,
    ],
    // a flannel or calico manifest of 2019: an information note "no schema for extensions" before
    [
      'extensions/v1beta1',
      'PodSecurityPolicy',
      /was removed in Kubernetes 1\.16 \(policy\/v1beta1.* in 1\.25\)/,
    ],
    ['extensions/v1beta1', 'ThirdPartyResource', /removed in Kubernetes 1\.8; use CustomResourceDefinition/],
    ['settings.k8s.io/v1alpha1', 'PodPreset', /removed in Kubernetes 1\.20/],
    ['auditregistration.k8s.io/v1alpha1', 'AuditSink', /removed in Kubernetes 1\.19/],
    // any other kind of the removed extensions group: no CRD group lacks a dot
    [
      'extensions/v1beta1',
      'Scale',
      /^extensions\/v1beta1 Scale is not served: Kubernetes 1\.22 removed the extensions API group$/,
    ],
  ];
  for (const [api, kind, msg] of cases) {
    const ds = check(doc(api, kind));
    assert.equal(ds.length, 1, `${api} ${kind}: ${JSON.stringify(ds)}`);
    assert.equal(ds[0].code, 'unknown-kind');
    assert.equal(ds[0].severity, Severity.Error, `${api} ${kind}`);
    assert.match(ds[0].message, msg);
  }
  // a kind the removed group had and another group serves still says where it lives now
  assert.deepEqual(
    check(doc('extensions/v1beta1', 'DaemonSet')).map((d) => [d.code, d.message]),
    [
      [
        'kind-wrong-group',
        "DaemonSet is served by apps/v1: extensions/v1beta1 DaemonSet was removed in Kubernetes 1.16; apps/v1 requires `spec.selector`, which this version defaulted from the pod template's labels",
      ],
    ],
  );
});

test('a third-party CRD stays an information-level "not bundled" note', () => {
  const ds = check(doc('cert-manager.io/v1', 'Certificate'));
  assert.deepEqual(
    ds.map((d) => [d.code, d.severity]),
    [['unknown-kind', Severity.Information]],
  );
  assert.match(ds[0].message, /no schema for the API group/);
});

test('half a header is missing-required, on the present half', () => {
  const noApi = check('kind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n');
  assert.deepEqual(
    noApi.map((d) => [d.code, d.line]),
    [['missing-required', 0]],
  );
  assert.match(noApi[0].message, /Missing required field `apiVersion`/);
  const noKind = check('apiVersion: apps/v1\nmetadata:\n  name: web\n');
  assert.deepEqual(
    noKind.map((d) => [d.code, d.line]),
    [['missing-required', 0]],
  );
  assert.match(noKind[0].message, /Missing required field `kind`/);
  // In a file with other resources too.
  const mixed = check(`${doc('v1', 'ConfigMap')}---\nkind: Service\nmetadata:\n  name: web\n`);
  assert.deepEqual(
    mixed.map((d) => [d.code, d.line]),
    [['missing-required', 5]],
  );
});

test('documents that are not resources stay alone', () => {
  for (const yaml of [
    'apiVersion: v2\nname: chart\nversion: 1.0.0\n', // Chart.yaml
    'kind: Kustomization\nresources:\n- a.yaml\n', // no metadata
    'name: ci\non: push\njobs: {}\n',
    'kind: Service\nmetadata:\n  name: {{ .Values.name }}\n', // templated
    'kind: deployment\nmetadata:\n  labels: {}\nimage: nginx\n', // a Helm values setting, not a kind
    'apiVersion: 2\nmetadata:\n  owner: me\n', // a tool's own version number
    'apiVersion: skaffold/v4beta6\nmetadata:\n  name: app\n', // not a Kubernetes group/version
  ])
    assert.deepEqual(check(yaml), [], yaml);
});

test("a tool's input in a header's shape is not half a header: its fields fit no kind the half names", () => {
  // OpenShift's install-config.yaml, read by openshift-install, never applied: no v1 kind has these fields.
  const installConfig =
    'apiVersion: v1\nbaseDomain: example.com\nmetadata:\n  name: CLUSTER_NAME\nplatform:\n  aws:\n    region: us-west-1\npullSecret: PULL_SECRET\n';
  assert.deepEqual(check(installConfig), []);
  // A kind the bundle knows, with a field no such kind has.
  assert.deepEqual(
    check('kind: Gateway\nmetadata:\n  name: x\nlisteners: []\nbaseDomain: example.com\n'),
    [],
  );
  // Fields a kind of that version has: a resource that forgot its kind (ConfigMap's data, a Service's spec).
  for (const yaml of [
    'apiVersion: v1\nmetadata:\n  name: x\ndata:\n  a: b\n',
    'apiVersion: networking.istio.io/v1\nmetadata:\n  name: x\nspec:\n  hosts: [a]\n',
    'kind: Service\nmetadata:\n  name: x\nspec:\n  ports:\n  - port: 80\n',
  ])
    assert.deepEqual(
      check(yaml).map((d) => d.code),
      ['missing-required'],
      yaml,
    );
  // A group the bundle does not know (a CRD's): its fields cannot be judged, the report stays.
  assert.deepEqual(
    check('apiVersion: example.com/v1\nmetadata:\n  name: x\nwidgets: 3\n').map((d) => d.code),
    ['missing-required'],
  );
});

test('a resource that forgot its kind and misspelt a field beside a right one is still half a header', () => {
  assert.deepEqual(
    check('apiVersion: apps/v1\nmetadata:\n  name: x\nspec: {}\nsepc: {}\n').map((d) => d.code),
    ['missing-required'],
  );
});

test('a document that does not parse is no evidence of a missing half: yaml-syntax reports the break', () => {
  // A shell here-document saved as YAML: the command line and `apiVersion:` read as one two-line key.
  const heredoc =
    'kubectl apply -f - <<EOF\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\nEOF\n';
  const ds = check(heredoc);
  assert.ok(ds.length > 0 && ds.every((d) => d.code === 'yaml-syntax'), JSON.stringify(ds));
  assert.equal(ds[0].line, 0);
  // Half a header with a break elsewhere in the document: the break is still reported, once.
  assert.deepEqual(
    check('kind: Service\nmetadata:\n  name: x\nspec:\n  ports\n  - port: 80\n').map((d) => d.code),
    ['yaml-syntax'],
  );
});
