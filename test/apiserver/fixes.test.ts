// k8s-validation's quick fixes (lower-case a name, rename a duplicate port, make the selector and the
// template labels agree) and its place beside the kind/version rules: removed API versions are
// reported once, by unserved-version or kind-wrong-group, naming the version to use.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester, runOn, applyQuickFixes } from '../helpers/ruleTester';
import { k8sValidation } from '../../server/src/engine/rules/k8s-validation';
import { ALL_RULES } from '../../server/src/engine/rules';
import { quickFixes } from '../../server/src/engine/services/quickFixes';
import { Severity } from '../../server/src/engine/model/diagnostic';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels:
      app: api-server
  template:
    metadata:
      labels:
        app: api
        tier: backend
    spec:
      containers:
        - name: api
          image: example/api:1.0
`;

ruleTester(k8sValidation, {
  invalid: [
    {
      name: 'container name lower-cased',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: Web\n      image: nginx\n',
      errors: [{ code: 'k8s-validation', line: 7, column: 13, covers: 'Web', fixes: ["Change to 'web'"] }],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx\n',
      outputErrors: [],
    },
    {
      name: 'Service name made an RFC 1123 label',
      yaml: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: My_Service\nspec:\n  ports:\n    - port: 80\n',
      errors: [
        {
          code: 'k8s-validation',
          line: 4,
          column: 9,
          covers: 'My_Service',
          fixes: ["Change to 'my-service'"],
        },
      ],
      output:
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: my-service\nspec:\n  ports:\n    - port: 80\n',
      outputErrors: [],
    },
    {
      name: 'duplicate Service port name renamed after its port',
      yaml: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - name: http\n      port: 80\n    - name: http\n      port: 8080\n',
      errors: [{ code: 'k8s-validation', line: 9, covers: 'http', fixes: ["Change to 'http-8080'"] }],
      output:
        'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n    - name: http\n      port: 80\n    - name: http-8080\n      port: 8080\n',
      outputErrors: [],
    },
    {
      name: 'selector made to match the template labels',
      yaml: DEPLOYMENT,
      errors: [
        {
          code: 'k8s-validation',
          line: 12,
          message:
            'spec.template.metadata.labels: Invalid value: {"app":"api","tier":"backend"}: `selector` does not match template `labels`',
          fixes: [
            'Make the selector match the template labels',
            'Add the selector labels to the template labels',
          ],
        },
      ],
      output: DEPLOYMENT.replace('app: api-server\n', 'app: api\n      tier: backend\n'),
      outputErrors: [],
    },
  ],
});

describe('k8s-validation: the reverse selector fix', () => {
  it('writes the selector labels into the template', () => {
    const run = runOn([k8sValidation], DEPLOYMENT);
    const action = quickFixes(run.file, run.diagnostics).find((a) => a.title.startsWith('Add the selector'));
    assert.ok(action);
    let text = DEPLOYMENT;
    for (const e of [...action.edits].reverse()) {
      const s = run.file.lines.offsetAt(e.range.start),
        t = run.file.lines.offsetAt(e.range.end);
      text = text.slice(0, s) + e.newText + text.slice(t);
    }
    assert.equal(text, DEPLOYMENT.replace('        app: api\n', '        app: "api-server"\n'));
    assert.deepEqual(runOn([k8sValidation], text).diagnostics, []);
    assert.ok(applyQuickFixes(run).fixed >= 1);
  });
});

// An object exported with `kubectl get -o yaml`: the fix removes its resourceVersion (preferred), or every
// field the cluster set, and leaves every other line (comments too) as it was.
const EXPORTED = `apiVersion: v1
kind: ConfigMap
metadata:
  creationTimestamp: "2024-11-20T02:41:56Z"
  name: settings # kept
  namespace: default
  resourceVersion: "162705"
  uid: 887da358-2441-42c8-be5b-c7d1ff1f1b99
data:
  mode: fast
status: {}
`;

describe('k8s-validation: an exported object', () => {
  it('removes the resourceVersion, or everything the cluster set', () => {
    const run = runOn([k8sValidation], EXPORTED);
    assert.deepEqual(
      run.diagnostics.map((d) => d.range.start.line + 1),
      [7],
    );
    assert.equal(applyQuickFixes(run).output, EXPORTED.replace('  resourceVersion: "162705"\n', ''));
    const all = quickFixes(run.file, run.diagnostics).find((a) =>
      a.title.startsWith('Remove what the cluster set'),
    );
    assert.ok(all);
    assert.equal(all.title, 'Remove what the cluster set (resourceVersion, uid, creationTimestamp, status)');
    let text = EXPORTED;
    const spans = all.edits.map(
      (e) =>
        [run.file.lines.offsetAt(e.range.start), run.file.lines.offsetAt(e.range.end), e.newText] as const,
    );
    for (const [s, t, n] of [...spans].sort((a, b) => b[0] - a[0]))
      text = text.slice(0, s) + n + text.slice(t);
    assert.equal(
      text,
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings # kept\n  namespace: default\ndata:\n  mode: fast\n',
    );
    assert.deepEqual(runOn([k8sValidation], text).diagnostics, []);
  });
});

describe('removed API versions', () => {
  const removed: [string, string, RegExp][] = [
    ['extensions/v1beta1', 'Deployment', /apps\/v1/],
    ['extensions/v1beta1', 'Ingress', /networking\.k8s\.io\/v1/],
    ['apps/v1beta1', 'Deployment', /use `apps\/v1`/],
    ['apps/v1beta2', 'DaemonSet', /use `apps\/v1`/],
    ['policy/v1beta1', 'PodDisruptionBudget', /use `policy\/v1`/],
    ['batch/v1beta1', 'CronJob', /use `batch\/v1`/],
    ['autoscaling/v2beta2', 'HorizontalPodAutoscaler', /use `autoscaling\/v2`/],
    ['networking.k8s.io/v1beta1', 'Ingress', /use `networking\.k8s\.io\/v1`/],
  ];
  for (const [apiVersion, kind, target] of removed) {
    it(`${apiVersion} ${kind}: one error naming the version to use`, () => {
      const yaml = `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: My_Name\nspec: {}\n`;
      const errors = runOn(ALL_RULES, yaml).diagnostics.filter((d) => d.severity === Severity.Error);
      assert.equal(errors.length, 1, JSON.stringify(errors.map((d) => d.message)));
      assert.match(errors[0].code, /^(unserved-version|kind-wrong-group)$/);
      assert.match(errors[0].message, target);
    });
  }
});
