// Kustomization files (`kustomization.yaml`, `kustomization.yml`, `Kustomization`) checked as `kustomize build`
// reads them: decoded strictly into kustomize's own types (an unknown field anywhere is an error, a wrong type
// too), keys matched whatever their case, nothing required, a missing kind or apiVersion filled in as kustomize
// fills it (a header-less kustomization is valid), kind and apiVersion then held to each other, and the
// deprecated fields noted in kustomize's words. Patches, Helm values and label maps stay free-form.
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_RULES } from '../../server/src/engine/rules';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { fileContribution } from '../../server/src/engine/analysis/contribution';
import { Severity } from '../../server/src/engine/model/diagnostic';
import { ruleTester } from '../helpers/ruleTester';
import { testEnv } from '../helpers/env';
import { repoRoot } from '../helpers/paths';

const change = (to: string) => `Change to '${to}'`;
const K = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n';
const C = 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n';
const EDIT_FIX = "Run 'kustomize edit fix' to update your Kustomization automatically.";

ruleTester(
  ALL_RULES,
  {
    valid: [
      {
        name: 'a full-featured overlay: generators, inline and file patches, replacements, Helm, labels',
        yaml:
          K +
          `metadata:
  name: prod
  annotations:
    config.kubernetes.io/local-config: "true"
namespace: shop
namePrefix: prod-
nameSuffix: -v2
resources:
- ../../base
- https://github.com/example/repo//deploy?ref=v1.2.0
components:
- ../../components/istio
crds:
- crds/widget.yaml
commonLabels:
  app.kubernetes.io/part-of: shop
commonAnnotations:
  team: payments
labels:
- pairs:
    env: prod
  includeSelectors: false
  includeTemplates: true
  fields:
  - path: spec/template/metadata/labels
    kind: Deployment
    create: true
images:
- name: nginx
  newName: registry.example.com/nginx
  newTag: "1.25"
- name: app
  digest: sha256:24a0c4b4a4c0eb97a1aabb8e29f18e917d05abfe1b7a7c07857230879ce7d3d3
replicas:
- name: web
  count: 3
patches:
- path: patches/replicas.yaml
- target:
    group: apps
    version: v1
    kind: Deployment
    name: web-.*
    labelSelector: app=web,tier!=db
    annotationSelector: canary=true
  patch: |-
    - op: replace
      path: /spec/replicas
      value: 5
  options:
    allowNameChange: true
- patch: |-
    apiVersion: networking.istio.io/v1
    kind: VirtualService
    metadata:
      name: web
    spec:
      whatever: {any: thing}
configMapGenerator:
- name: settings
  behavior: merge
  literals:
  - LOG_LEVEL=debug
  files:
  - config.json
  - app.properties=props/app.properties
  envs:
  - .env
  options:
    disableNameSuffixHash: true
    labels:
      generated: "yes"
secretGenerator:
- name: tls
  type: kubernetes.io/tls
  files:
  - tls.crt
  - tls.key
generatorOptions:
  disableNameSuffixHash: true
  immutable: true
  annotations:
    note: generated
replacements:
- source:
    kind: Service
    name: web
    fieldPath: metadata.name
  targets:
  - select:
      kind: VirtualService
    reject:
    - name: internal
    fieldPaths:
    - spec.http.0.route.0.destination.host
    options:
      delimiter: "."
      index: 0
      create: true
- path: replacements.yaml
helmGlobals:
  chartHome: charts
helmCharts:
- name: redis
  repo: https://charts.bitnami.com/bitnami
  version: 17.0.0
  releaseName: cache
  namespace: shop
  includeCRDs: true
  valuesInline:
    architecture: standalone
    auth:
      enabled: false
    replica:
      replicaCount: 2
      resources: [1, {a: b}]
openapi:
  path: schema.json
sortOptions:
  order: legacy
  legacySortOptions:
    orderFirst: [Namespace]
    orderLast: [ValidatingWebhookConfiguration]
configurations:
- nameref.yaml
generators:
- generator.yaml
transformers:
- |-
  apiVersion: builtin
  kind: PrefixSuffixTransformer
  metadata:
    name: extra
  prefix: x-
validators: []
buildMetadata: [originAnnotations]
inventory:
  type: ConfigMap
  configMap:
    name: inventory
    namespace: shop
`,
      },
      {
        name: 'no header at all (kustomize defaults kind and apiVersion)',
        yaml: 'resources:\n- deployment.yaml\n- service.yaml\nnamespace: web\nimages:\n- name: web\n  newTag: v2\n',
      },
      {
        name: 'kind and metadata without apiVersion (kustomize fills it; no "apiVersion not set")',
        yaml: 'kind: Kustomization\nmetadata:\n  name: x\nresources:\n- a.yaml\n',
      },
      {
        name: 'a Component, without its apiVersion too',
        yaml:
          C +
          'patches:\n- path: sidecar.yaml\n  target:\n    kind: Deployment\nresources:\n- peer-authentication.yaml\n',
      },
      {
        name: 'kind Component alone defaults to kustomize.config.k8s.io/v1alpha1',
        yaml: 'kind: Component\nresources:\n- a.yaml\n',
      },
      {
        name: 'keys match fields whatever their case, as Go encoding/json matches them; null fields are unset',
        yaml: K + 'Resources:\n- a.yaml\nIMAGES:\n- Name: web\n  NEWTAG: v1\ncomponents:\npatches: ~\n',
      },
    ],
    invalid: [
      {
        name: 'a misspelt top-level field',
        yaml: K + 'resource:\n- a.yaml\n',
        errors: [
          {
            code: 'unknown-field',
            line: 3,
            covers: 'resource',
            message: 'Unknown field `resource`; did you mean `resources`?',
            severity: Severity.Error,
            fixes: [change('resources')],
          },
        ],
        output: K + 'resources:\n- a.yaml\n',
      },
      {
        name: 'a patch file named as a bare string (kustomize 5 takes `path:`), with the mapping as the fix',
        yaml: K + 'patches:\n- p.yaml\n',
        errors: [
          {
            code: 'invalid-type',
            line: 4,
            covers: 'p.yaml',
            message:
              'patches[0] must be a mapping, not string "p.yaml" (a path goes under `path`: `path: p.yaml`)',
            fixes: [change('{path: p.yaml}')],
          },
        ],
        output: K + 'patches:\n- {path: p.yaml}\n',
      },
      {
        name: 'a misspelt field in a header-less kustomization',
        yaml: 'namspace: web\nresources:\n- a.yaml\n',
        errors: [{ code: 'unknown-field', covers: 'namspace', message: /did you mean `namespace`\?/ }],
      },
      {
        name: 'misspelt fields inside patches[].target, images[], configMapGenerator[], labels[]',
        yaml:
          K +
          'patches:\n- path: p.yaml\n  target:\n    kidn: Deployment\nimages:\n- name: web\n  newTage: v2\nconfigMapGenerator:\n- name: cm\n  literal:\n  - a=b\nlabels:\n- pairs: {a: b}\n  includeSelector: true\n',
        errors: [
          {
            code: 'unknown-field',
            covers: 'kidn',
            message: /in patches\[0\]\.target; did you mean `kind`\?/,
          },
          { code: 'unknown-field', covers: 'newTage', message: /in images\[0\]; did you mean `newTag`/ },
          {
            code: 'unknown-field',
            covers: 'literal',
            message: /in configMapGenerator\[0\]; did you mean `literals`\?/,
          },
          {
            code: 'unknown-field',
            covers: 'includeSelector',
            message: /in labels\[0\]; did you mean `includeSelectors`\?/,
          },
        ],
      },
      {
        name: 'wrong types: resources a string, a numeric tag, a string count, a non-string label, a boolean as text',
        yaml:
          K +
          'resources: a.yaml\nimages:\n- name: web\n  newTag: 1.25\nreplicas:\n- name: web\n  count: "3"\ncommonLabels:\n  version: 2\nlabels:\n- includeSelectors: "true"\n',
        errors: [
          {
            code: 'invalid-type',
            covers: 'a.yaml',
            message: 'resources must be a list, not string "a.yaml"',
          },
          {
            code: 'invalid-type',
            covers: '1.25',
            message: /images\[0\]\.newTag must be a string, not number 1\.25/,
          },
          { code: 'invalid-type', covers: '"3"', message: /replicas\[0\]\.count must be an integer/ },
          { code: 'invalid-type', covers: '2', message: /commonLabels\.version must be a string/ },
          {
            code: 'invalid-type',
            covers: '"true"',
            message: /labels\[0\]\.includeSelectors must be a boolean/,
          },
        ],
      },
      {
        name: "kustomize's ObjectMeta has name, namespace, labels and annotations only",
        yaml: K + 'metadata:\n  name: x\n  creationTimestamp: null\n',
        errors: [
          {
            code: 'unknown-field',
            covers: 'creationTimestamp',
            message: /Allowed here: name, namespace, labels, annotations/,
          },
        ],
      },
      {
        name: "a Component under Kustomization's apiVersion, in kustomize's words; its body is still checked",
        yaml: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Component\nresourcse:\n- a.yaml\n',
        errors: [
          {
            code: 'unserved-version',
            covers: 'kustomize.config.k8s.io/v1beta1',
            message: 'apiVersion for Component should be kustomize.config.k8s.io/v1alpha1',
            fixes: [change('kustomize.config.k8s.io/v1alpha1')],
          },
          { code: 'unknown-field', covers: 'resourcse' },
        ],
        output: C + 'resources:\n- a.yaml\n',
      },
      {
        name: 'a Kustomization under the Component apiVersion, written without kind',
        yaml: 'apiVersion: kustomize.config.k8s.io/v1alpha1\nresources:\n- a.yaml\n',
        errors: [
          {
            code: 'unserved-version',
            message: 'apiVersion for Kustomization should be kustomize.config.k8s.io/v1beta1',
          },
        ],
      },
      {
        name: 'a kind kustomize does not take',
        yaml: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomisation\nresources:\n- a.yaml\n',
        errors: [
          {
            code: 'unknown-kind',
            covers: 'Kustomisation',
            severity: Severity.Error,
            message:
              'Unknown kind Kustomisation in kustomize.config.k8s.io/v1beta1: kind should be Kustomization or Component (did you mean Kustomization?)',
            fixes: [change('Kustomization')],
          },
        ],
      },
      {
        name: "deprecated fields are noted in kustomize's words (they still work)",
        yaml:
          K +
          'bases:\n- ../base\nimageTags:\n- name: web\n  newTag: v1\npatchesJson6902:\n- path: p.json\n  target: {kind: Deployment, name: web}\npatchesStrategicMerge:\n- p.yaml\n- |-\n  apiVersion: v1\n  kind: Service\n  metadata:\n    name: web\nvars:\n- name: SVC\n  objref: {kind: Service, name: web, apiVersion: v1}\n  fieldref: {fieldPath: metadata.name}\n',
        errors: [
          ['bases', 'resources'],
          ['imageTags', 'images'],
          ['patchesJson6902', 'patches'],
          ['patchesStrategicMerge', 'patches'],
        ]
          .map(([f, use]) => ({
            code: 'deprecated-field',
            covers: f,
            severity: Severity.Information,
            message: `'${f}' is deprecated. Please use '${use}' instead. ${EDIT_FIX}`,
          }))
          .concat({
            code: 'deprecated-field',
            covers: 'vars',
            severity: Severity.Information,
            message: `'vars' is deprecated. Please use 'replacements' instead. [EXPERIMENTAL] ${EDIT_FIX}`,
          }),
      },
    ],
  },
  { uri: 'file:///app/overlays/prod/kustomization.yaml' },
);

describe('kustomization files: read by their name, kept out of the workspace resources', () => {
  const kinds = (uri: string, text: string) => fileContribution(parseFile(uri, text)).map((r) => r.kind);
  it('a header-less kustomization is validated under each of the three names, and nowhere else', () => {
    const text = 'resource:\n- a.yaml\n';
    for (const name of ['kustomization.yaml', 'kustomization.yml', 'Kustomization'])
      assert.deepEqual(
        checkFile(parseFile(`file:///app/${name}`, text), testEnv()).map((d) => d.code),
        ['unknown-field'],
        name,
      );
    assert.deepEqual(checkFile(parseFile('file:///app/values.yaml', text), testEnv()), []);
  });
  it('only the first document is the kustomization (kustomize decodes one)', () => {
    const ds = checkFile(
      parseFile('file:///app/kustomization.yaml', 'resources: []\n---\nresource: []\n'),
      testEnv(),
    );
    assert.deepEqual(ds, []);
  });
  it('a header-less kustomization is not a workspace resource; a written header keeps it one, as before', () => {
    assert.deepEqual(kinds('file:///app/kustomization.yaml', 'resources:\n- a.yaml\n'), []);
    assert.deepEqual(
      kinds('file:///app/kustomization.yaml', 'kind: Kustomization\nmetadata: {name: x}\n'),
      [],
    );
    assert.deepEqual(kinds('file:///app/kustomization.yaml', K + 'metadata: {name: x}\n'), ['Kustomization']);
  });
  const corpus = path.join(repoRoot, 'third_party/realworld');
  const found = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return found(p);
      return ['kustomization.yaml', 'kustomization.yml', 'Kustomization'].includes(e.name) ? [p] : [];
    });
  const files = found(corpus);
  it('finds the real-world kustomizations', () => assert.ok(files.length >= 8, String(files.length)));
  for (const f of files)
    it(`real world: ${path.relative(corpus, f)} has no error or warning`, () => {
      const ds = checkFile(parseFile(`file://${f}`, fs.readFileSync(f, 'utf8')), testEnv());
      assert.deepEqual(
        ds
          .filter((d) => d.severity <= Severity.Warning)
          .map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}`),
        [],
      );
    });
});
