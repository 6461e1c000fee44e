// Rule k8s-validation on RBAC objects (pkg/apis/rbac/validation), after the v1 defaults: roles' rules,
// bindings' roleRef and subjects, and names that only need to be URL path segments.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { k8sFindings } from './helpers';
import { checkFile } from '../../server/src/engine/check';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { testEnv } from '../helpers/env';

const GROUP = 'rbac.authorization.k8s.io';
const head = (kind: string, name = 'r', ns = '\n  namespace: apps') =>
  `apiVersion: ${GROUP}/v1\nkind: ${kind}\nmetadata:\n  name: ${name}${kind.startsWith('Cluster') ? '' : ns}\n`;
const role = (rules: string, kind = 'Role') => head(kind) + `rules:\n${rules.replace(/^/gm, '  ')}\n`;
const binding = (body: string, kind = 'RoleBinding') => head(kind) + body + '\n';
const REF = 'roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view';
const SA = 'subjects:\n  - kind: ServiceAccount\n    name: app\n    namespace: apps';

const cases: { name: string; yaml: string; expect: string[] }[] = [
  {
    name: 'a valid Role and ClusterRole (non-resource URLs in a ClusterRole)',
    yaml:
      role('- apiGroups: [""]\n  resources: [pods]\n  resourceNames: [web]\n  verbs: [get]') +
      '---\n' +
      role('- nonResourceURLs: [/healthz]\n  verbs: [get]', 'ClusterRole'),
    expect: [],
  },
  {
    name: 'a resource rule without apiGroups or verbs',
    yaml: role('- resources: [pods]\n  verbs: []'),
    expect: [
      'rules[0].verbs: Required value: verbs must contain at least one value',
      'rules[0].apiGroups: Required value: resource rules must supply at least one api group',
    ],
  },
  {
    name: 'a rule without resources; resource names over several resources',
    yaml: role(
      '- apiGroups: [apps]\n  verbs: [get]\n- apiGroups: [""]\n  resources: [pods, services]\n  resourceNames: [a]\n  verbs: [get]',
    ),
    expect: [
      'rules[0].resources: Required value: resource rules must supply at least one resource',
      'rules[1].resourceNames: Required value: resource names cannot apply to multiple resources',
    ],
  },
  {
    name: 'non-resource URLs in a Role, and beside resources',
    yaml: role('- nonResourceURLs: [/metrics]\n  resources: [pods]\n  verbs: [get]'),
    expect: [
      'rules[0].nonResourceURLs: Invalid value: ["/metrics"]: namespaced rules cannot apply to non-resource URLs',
      'rules[0].nonResourceURLs: Invalid value: ["/metrics"]: rules cannot apply to both regular resources and non-resource URLs',
    ],
  },
  {
    name: 'a role name that is no URL path segment; RBAC names need not be DNS names',
    yaml:
      role('- apiGroups: [""]\n  resources: [pods]\n  verbs: [get]').replace('name: r', 'name: team/reader') +
      '---\n' +
      role('- apiGroups: [""]\n  resources: [pods]\n  verbs: [get]', 'ClusterRole').replace(
        'name: r',
        'name: system:Reader',
      ),
    expect: [`metadata.name: Invalid value: "team/reader": may not contain '/'`],
  },
  {
    name: 'a RoleBinding without roleRef.apiGroup is defaulted, valid',
    yaml: binding(`roleRef:\n  kind: Role\n  name: reader\n${SA}\n  - kind: User\n    name: jane`),
    expect: [],
  },
  {
    name: 'a misspelt roleRef kind and a foreign apiGroup',
    yaml: binding(`roleRef:\n  apiGroup: rbac.k8s.io\n  kind: role\n  name: reader\n${SA}`),
    expect: [
      'roleRef.apiGroup: Unsupported value: "rbac.k8s.io": supported values: "rbac.authorization.k8s.io"',
      'roleRef.kind: Unsupported value: "role": supported values: "Role", "ClusterRole"',
    ],
  },
  {
    name: 'a ClusterRoleBinding names a Role; its ServiceAccount subject has no namespace',
    yaml: binding(
      'roleRef:\n  kind: Role\n  name: reader\nsubjects:\n  - kind: ServiceAccount\n    name: app',
      'ClusterRoleBinding',
    ),
    expect: [
      'roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"',
      'subjects[0].namespace: Required value',
    ],
  },
  {
    name: 'subjects: a lower-case kind, a ServiceAccount with an apiGroup, a Group in another group, a bad account name',
    yaml: binding(
      `${REF}\nsubjects:\n  - kind: serviceaccount\n    name: app\n  - kind: ServiceAccount\n    apiGroup: ${GROUP}\n    name: App_1\n  - kind: Group\n    apiGroup: v1\n    name: devs`,
    ),
    expect: [
      'subjects[0].kind: Unsupported value: "serviceaccount": supported values: "ServiceAccount", "User", "Group"',
      "subjects[1].name: Invalid value: \"App_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      `subjects[1].apiGroup: Unsupported value: "${GROUP}": supported values: ""`,
      `subjects[2].apiGroup: Unsupported value: "v1": supported values: "${GROUP}"`,
    ],
  },
];

describe('k8s-validation: RBAC', () => {
  for (const c of cases)
    it(c.name, () => {
      assert.deepEqual(
        k8sFindings(c.yaml)
          .map((f) => f.message)
          .sort(),
        [...c.expect].sort(),
      );
    });

  it('a roleRef without apiGroup is no missing-required: the API server defaults it', () => {
    const yaml = binding(`roleRef:\n  kind: ClusterRole\n  name: view\n${SA}`);
    assert.deepEqual(checkFile(parseFile('file:///rb.yaml', yaml, 1), testEnv()), []);
    const noKind = binding(`roleRef:\n  apiGroup: ${GROUP}\n  name: view\n${SA}`);
    assert.deepEqual(
      checkFile(parseFile('file:///rb.yaml', noKind, 1), testEnv()).map((d) => [d.code, d.message]),
      [['missing-required', 'Missing required field `kind` in roleRef']],
    );
  });
});
