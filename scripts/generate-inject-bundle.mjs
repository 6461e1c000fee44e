// Generates schemas/inject/bundle.json: everything the injection engine needs at runtime, read from
// third_party/upstream/istio/inject (a new Istio version is a re-copy of that folder + this script).
//  - templates: the injector ConfigMap's built-in templates (sidecar, gateway, grpc-simple, ...)
//  - values: the istiod chart defaults (values.yaml `_internal_defaults_do_not_set`)
//  - chartProfiles: the chart's profile-*.yaml overlays; operatorProfiles: the IstioOperator profiles
//  - meshTemplate: the chart's `mesh` definition (+ helpers), rendered at runtime with the final values
// Usage: node scripts/generate-inject-bundle.mjs [--check] [--root DIR]   (see scripts/lib/generated.mjs)
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { generatedOutput } from './lib/generated.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const src = path.join(root, 'third_party/upstream/istio/inject');
const output = generatedOutput(root);
const read = (...p) => fs.readFileSync(path.join(src, ...p), 'utf8');

// Template name → file, exactly as the chart's istiod-injector-configmap.yaml maps them.
const configmap = read('chart-templates/istiod-injector-configmap.yaml');
const templates = {};
for (const m of configmap.matchAll(/^\s{6}([\w-]+): \|\n\{\{ \.Files\.Get "files\/([\w.-]+)"/gm)) {
  templates[m[1]] = read('templates', m[2]).trim() + '\n';
}
if (!templates.sidecar) throw new Error('sidecar template not found in istiod-injector-configmap.yaml');

const values = parse(read('values.yaml'))._internal_defaults_do_not_set;
if (!values?.global) throw new Error('values.yaml: _internal_defaults_do_not_set.global missing');

const chartProfiles = {};
const operatorProfiles = {};
for (const f of fs.readdirSync(path.join(src, 'profiles')).sort()) {
  const doc = parse(read('profiles', f)) ?? {};
  const m = f.match(/^profile-(.+)\.yaml$/);
  if (m) chartProfiles[m[1]] = doc;
  else operatorProfiles[f.replace(/\.yaml$/, '')] = doc;
}

const cm = read('chart-templates/configmap.yaml');
const meshDefine = cm.slice(
  cm.indexOf('{{- define "mesh" }}'),
  cm.indexOf('{{/* We take the mesh config above'),
);
if (!meshDefine.includes('defaultConfig')) throw new Error('mesh definition not found in configmap.yaml');
const meshTemplate = read('chart-templates/_helpers.tpl') + '\n' + meshDefine;

const chart = parse(read('Chart.yaml'));
const readme = fs.readFileSync(path.join(root, 'third_party/README.md'), 'utf8');
const provenance = readme.match(/inject\/`[^|]*\|[^|]*\|\s*istio\/istio `([0-9a-f]+)`/);
const version = readme.match(/VERSION (\d+\.\d+)/);

const bundle = {
  generatedBy: 'scripts/generate-inject-bundle.mjs',
  source: { chart: chart.name, istioCommit: provenance?.[1] ?? null, istioVersion: version?.[1] ?? null },
  templates,
  values,
  chartProfiles,
  operatorProfiles,
  meshTemplate,
};
output.write('schemas/inject/bundle.json', JSON.stringify(bundle, null, 1) + '\n');
if (!output.check)
  console.log(
    `wrote schemas/inject/bundle.json: ${Object.keys(templates).length} templates, ${Object.keys(chartProfiles).length} chart profiles`,
  );
output.finish('generate-inject-bundle', { owned: ['schemas/inject'] });
