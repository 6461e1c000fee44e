// The analyzers of the second half (applicationUID … webhook) never throw on wrongly typed input:
// every kind they read, with fields of the wrong shape, must yield no internal-error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { analyzeWorkspace, buildWorkspace } from '../../server/src/engine/analysis';
import { analyzerByName } from '../../server/src/engine/analyzers';

const ANALYZERS = [
  'applicationUID.Analyzer',
  'authn.BlockedCIDRsAnalyzer',
  'auth.AuthorizationPoliciesAnalyzer',
  'conditions.ConditionAnalyzer',
  'deployment.MultiServiceAnalyzer',
  'deprecation.DeprecationAnalyzer',
  'envoyfilter.EnvoyPatchAnalyzer',
  'externalcontrolplane.ExternalControlPlaneAnalyzer',
  'injection.Analyzer',
  'injection.ImageAnalyzer',
  'injection.ImageAutoAnalyzer',
  'k8sgateway.CRDVersionAnalyzer',
  'k8sgateway.SelectorAnalyzer',
  'meshnetworks.MeshNetworksAnalyzer',
  'telemetry.DefaultSelectorAnalyzer',
  'telemetry.LightstepAnalyzer',
  'telemetry.ProviderAnalyzer',
  'telemetry.SelectorAnalyzer',
  'webhook.Analyzer',
];

const KINDS: [string, string][] = [
  ['v1', 'Pod'],
  ['apps/v1', 'Deployment'],
  ['v1', 'Service'],
  ['v1', 'Namespace'],
  ['v1', 'ConfigMap'],
  ['v1', 'Secret'],
  ['security.istio.io/v1', 'AuthorizationPolicy'],
  ['security.istio.io/v1', 'RequestAuthentication'],
  ['telemetry.istio.io/v1', 'Telemetry'],
  ['extensions.istio.io/v1alpha1', 'WasmPlugin'],
  ['networking.istio.io/v1', 'VirtualService'],
  ['networking.istio.io/v1', 'Sidecar'],
  ['networking.istio.io/v1alpha3', 'EnvoyFilter'],
  ['networking.istio.io/v1', 'ServiceEntry'],
  ['networking.istio.io/v1beta1', 'ProxyConfig'],
  ['gateway.networking.k8s.io/v1', 'Gateway'],
  ['gateway.networking.k8s.io/v1', 'HTTPRoute'],
  ['apiextensions.k8s.io/v1', 'CustomResourceDefinition'],
  ['admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration'],
  ['admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration'],
  ['install.istio.io/v1alpha1', 'MeshNetworks'],
];

/** Bodies with wrong shapes where the analyzers look. */
const BODIES = [
  'spec: 7\nstatus: x\ndata: 3\nwebhooks: 1\nnetworks: 2\n',
  'spec: [1, 2]\nstatus: {conditions: 5, parents: [null, {conditions: "x"}]}\ndata: {values: "{not json"}\nwebhooks: [null, 3, {clientConfig: 4, namespaceSelector: "x", objectSelector: {matchExpressions: 5}}]\nnetworks: {n: 3, m: {endpoints: [null, {fromRegistry: 4}]}}\n',
  'spec:\n  selector: 5\n  template: {metadata: {labels: 3}, spec: {containers: [null, 1, {name: 2, securityContext: 3, env: 4}], securityContext: 1}}\n  containers: "x"\n  rules: [null, {from: [null, {source: {namespaces: [1, null], notNamespaces: 7}}]}]\n  configPatches: [{patch: {operation: REPLACE, value: 5}, match: 3}, {patch: {operation: INSERT_AFTER, value: {name: {a: 1}}}, match: {proxy: {proxyVersion: 3}}}, null]\n  http: [null, {fault: {delay: {percent: "x"}}}]\n  accessLogging: [null, {providers: 3}]\n  tracing: [{providers: [null, {name: 3}]}]\n  ports: [null, {port: "x", targetPort: {a: 1}}]\n  group: 5\n  names: 3\n  outboundTrafficPolicy: 7\n  image: 4\n',
  'metadata2: x\nspec:\n  selector: {matchLabels: [1, 2]}\n  targetRefs: 3\n  template: 3\n',
];

test('no internal-error on wrongly typed fields', () => {
  const files = BODIES.map((body, i) =>
    parseFile(
      `file:///b${i}.yaml`,
      KINDS.map(
        ([api, kind], j) =>
          `apiVersion: ${api}\nkind: ${kind}\nmetadata:\n  name: r${j}\n  namespace: ns${j % 3}\n  labels: {app: istiod, istio-injection: enabled, istio.io/rev: x}\n  annotations: {gateway.networking.k8s.io/bundle-version: "v0.1", proxy.istio.io/config: "[: bad"}\n${body}`,
      ).join('---\n'),
    ),
  );
  // Every document is a resource the analyzers see (the YAML itself is valid).
  assert.equal(buildWorkspace(files).all.length, KINDS.length * BODIES.length);
  for (const complete of [false, true]) {
    const analyzers = ANALYZERS.map((n) => analyzerByName(n)!);
    assert.equal(analyzers.filter(Boolean).length, ANALYZERS.length, 'all registered');
    const out = analyzeWorkspace(files, { analyzers, assumeComplete: complete });
    const crashes = [...out.values()].flat().filter((d) => d.code === 'internal-error');
    assert.deepEqual(
      crashes.map((d) => d.message),
      [],
    );
  }
});
