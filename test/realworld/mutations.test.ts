// Real mistakes in real files are reported where they are: in each repository of the corpus, hand-made
// mutations of each type (./mutations.ts), each checked with the whole repository as one workspace.
// `npm run report:mutations -- --per-type=25 --verbose` runs more of them and lists any missed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { repoRoot } from '../helpers/paths';
import { corpusRoot, repos } from './corpus';
import { MUTATION_TYPES, mutateRepo, type MutationResult } from './mutations';

const root = corpusRoot(repoRoot);
const results: MutationResult[] = repos(root).flatMap((r) =>
  mutateRepo(root, r, 2, repoRoot).map((m) => ({ ...m, file: `${r}/${m.file}` })),
);

test('the corpus yields mutations of every type', () => {
  for (const type of MUTATION_TYPES)
    assert.ok(results.filter((m) => m.type === type).length >= 6, `too few ${type} mutations`);
});

/**
 * A misspelt reference is a mistake only the workspace can prove (a cross-file "not found" needs the
 * absence proven): these name what the corpus does not hold, and stay unreported.
 */
const UNPROVABLE: Record<string, string> = {
  'GoogleCloudPlatform__microservices-demo/kustomize/components/service-mesh-istio/frontend.yaml:25':
    "the repository's Helm chart (helm-chart/) renders its Services: unknown, not absent",
  'kiali__demos/federated-travels/east/east-travel-agency-opt.yaml:13':
    "a host of the other mesh's imported domain (svc.west-mesh-imports.local) that OSSM federation creates",
  'kubeflow__manifests/applications/tensorboard/tensorboards-web-app/upstream/overlays/istio/destination-rule.yaml:6':
    "the Service's kustomize base is not in the corpus",
};

test('every mutation is reported within two lines of the mistake', () => {
  const missed = results.filter((m) => !m.caught).map((m) => `${m.file}:${m.line} ${m.type} ${m.what}`);
  const unexplained = missed.filter((m) => !(m.split(' ')[0] in UNPROVABLE));
  assert.deepEqual(unexplained, []);
  // The list is exact: a reference the engine learns to prove leaves it.
  assert.deepEqual(missed.map((m) => m.split(' ')[0]).sort(), Object.keys(UNPROVABLE).sort());
});

test('a mutation is caught by the rule for its kind of mistake', () => {
  const codes: Record<string, RegExp> = {
    'key-typo': /^unknown-field$/,
    'duplicate-key': /^duplicate-key$/,
    'enum-typo': /^(invalid-enum|k8s-validation|IST0106)$/,
    'annotation-typo': /^IST0108$/,
    'wrong-nesting': /^unknown-field$/,
    'reference-typo': /^(IST0101|IST0174)$/,
  };
  const off = results.filter((m) => m.caught && !m.codes.some((c) => codes[m.type].test(c)));
  assert.deepEqual(
    off.map((m) => `${m.file}:${m.line} ${m.type} ${m.codes.join(',')}`),
    [],
  );
});
