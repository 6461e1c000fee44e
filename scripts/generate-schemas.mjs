// Generates the offline schema bundle under schemas/ from the upstream copies in third_party/upstream:
//   - Istio CRDs (crd-all.gen.yaml) and Gateway API CRDs (both gateway-api files): one file per API group,
//     every version's openAPIV3Schema, identical subtrees shared as definitions;
//   - Kubernetes 1.35 OpenAPI v3: one file per Go package of definitions (io.k8s.api.apps.v1, ...).
// schemas/index.json lists every group/version/kind with served/storage/deprecated/scope and its root schema.
//   - istioctl's input IstioOperator (install.istio.io/v1alpha1): the structure hand-derived from Istio's Go
//     types (third_party/istio/operator/istiooperator.json) with the Kubernetes definitions it uses copied in,
//     in schemas/istioctl/ (decoded by Go's encoding/json, not by the API server: see schemas/README.md).
//   - kustomize's input, the kustomization file (kustomize.config.k8s.io Kustomization and Component): hand-derived
//     from kustomize's Go types (third_party/kustomize/kustomization.json), in schemas/kustomize/ (decoded alike).
// Refs are `{"$ref": "#name"}` (same file) or `{"$ref": "<file>#name"}` (another bundle file).
// Output is deterministic: same input, same bytes. Usage: npm run schemas [-- --check] [-- --root DIR]
// (`--check` compares instead of writing; see scripts/lib/generated.mjs).
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { parseAllDocuments } from 'yaml';
import { generatedOutput } from './lib/generated.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const upstream = path.join(root, 'third_party', 'upstream');
const output = generatedOutput(root);
const K8S_DIR = path.join(upstream, 'kubernetes', 'openapi-v3-1.35');
const CRD_FILES = [
  ['istio', 'istio/crds/crd-all.gen.yaml'],
  ['gateway-api', 'istio/crds/gateway-api-crd.yaml'],
  ['gateway-api', 'istio/crds/gateway-api-inference-extension-crd.yaml'],
];
const OBJECT_META =
  'kubernetes/io.k8s.apimachinery.pkg.apis.meta.v1#io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

// Fields the OpenAPI document lists as required (Go fields without omitempty) that the API server's
// defaulting fills before validation, so leaving them out is accepted: pkg/apis/rbac/v1/defaults.go sets
// an empty roleRef.apiGroup to rbac.authorization.k8s.io.
const DEFAULTED_REQUIRED = {
  'io.k8s.api.rbac.v1.RoleRef': ['apiGroup'],
};

// Keywords kept in the bundle; everything else (x-kubernetes-patch-*, readOnly, example...) is dropped.
const KEEP = new Set([
  'type',
  'format',
  'description',
  'properties',
  'additionalProperties',
  'items',
  'required',
  'enum',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'uniqueItems',
  'multipleOf',
  'nullable',
  'default',
  'allOf',
  'anyOf',
  'oneOf',
  'not',
  '$ref',
  'x-kubernetes-validations',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-int-or-string',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
  'x-kubernetes-embedded-resource',
  'x-kubernetes-unions',
]);
const SCHEMA_MAPS = new Set(['properties']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf']);
const SCHEMA_ONE = new Set(['items', 'not', 'additionalProperties']);

/** Keeps the keywords we use; rewrites refs with `refOf`. Iterative over an explicit stack is not needed: upstream data is trusted and shallow (< 40 levels). */
function clean(s, refOf, objectDefaults = false) {
  if (typeof s !== 'object' || s === null || Array.isArray(s)) return s;
  const o = {};
  for (const [k, v] of Object.entries(s)) {
    if (!KEEP.has(k)) continue;
    // Kubernetes' `default: {}` on every struct says nothing; CRD object defaults matter (CEL sees defaulted objects).
    if (k === 'default' && typeof v === 'object' && v !== null && !objectDefaults) continue;
    if (k === '$ref') o[k] = refOf(v);
    else if (SCHEMA_MAPS.has(k))
      o[k] = Object.fromEntries(Object.entries(v).map(([p, ps]) => [p, clean(ps, refOf, objectDefaults)]));
    else if (SCHEMA_LISTS.has(k)) o[k] = v.map((x) => clean(x, refOf, objectDefaults));
    else if (SCHEMA_ONE.has(k)) o[k] = typeof v === 'boolean' ? v : clean(v, refOf, objectDefaults);
    else o[k] = v;
  }
  // Istio writes protobuf durations as strings checked by CEL `duration(self)`: mark them so the
  // structural validator can check the format before (and without) CEL.
  if (
    o.type === 'string' &&
    !o.format &&
    Array.isArray(o['x-kubernetes-validations']) &&
    o['x-kubernetes-validations'].some((r) => /\bduration\(self\)/.test(r.rule ?? ''))
  )
    o.format = 'duration';
  return o;
}

function writeJson(rel, value) {
  return output.write(path.join('schemas', rel), JSON.stringify(value) + '\n');
}

/** Kubernetes version priority: GA > beta > alpha, then by number. */
function versionRank(v) {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
  if (!m) return -1;
  const level = m[2] === 'alpha' ? 0 : m[2] === 'beta' ? 1 : 2;
  return level * 1e6 + Number(m[1]) * 1e3 + Number(m[3] ?? 0);
}

const kinds = [];
const sizes = {};
/** Every Kubernetes definition, cleaned, by name (refs are `#name` or `kubernetes/<pkg>#name`). */
const k8sDefinitions = new Map();

// ---------------------------------------------------------------- Kubernetes built-ins
{
  const files = [];
  const walkDir = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walkDir(p);
      else if (e.name.endsWith('.json')) files.push(p);
    }
  };
  walkDir(K8S_DIR);
  const defs = new Map(); // name -> raw schema (identical across files: checked)
  for (const f of files) {
    const rel = path.relative(K8S_DIR, f).replace(/\\/g, '/');
    const m = /^(?:api\/(v\d\w*)|apis\/([^/]+)\/(v\d\w*))\.json$/.exec(rel);
    const group = m[1] ? '' : m[2];
    const version = m[1] ?? m[3];
    const api = JSON.parse(fs.readFileSync(f, 'utf8'));
    const schemas = api.components.schemas;
    const scopes = scopesOf(api.paths);
    for (const [name, s] of Object.entries(schemas)) {
      const prev = defs.get(name);
      if (prev && JSON.stringify(prev) !== JSON.stringify(s))
        throw new Error(`definition ${name} differs between files`);
      defs.set(name, s);
      if (name.startsWith('io.k8s.apimachinery.')) continue; // meta kinds (Status, WatchEvent, DeleteOptions...)
      for (const gvk of s['x-kubernetes-group-version-kind'] ?? []) {
        if (gvk.group !== group || gvk.version !== version) continue;
        kinds.push({
          group,
          version,
          kind: gvk.kind,
          source: 'kubernetes',
          served: true,
          preferred: false,
          deprecated: false,
          scope: scopes.get(gvk.kind) ?? null,
          schema: `${pkgFile(name)}#${name}`,
          description: s.description,
        });
      }
    }
  }
  const byPkg = new Map();
  for (const name of [...defs.keys()].sort()) {
    const pkg = name.slice(0, name.lastIndexOf('.'));
    const refOf = (ref) => {
      const target = ref.replace('#/components/schemas/', '');
      if (!defs.has(target)) throw new Error(`unresolved ref ${ref} in ${name}`);
      const tf = pkgFile(target);
      return tf === pkgFile(name) ? `#${target}` : `${tf}#${target}`;
    };
    const s = clean(defs.get(name), refOf);
    for (const f of DEFAULTED_REQUIRED[name] ?? []) s.required = s.required.filter((r) => r !== f);
    // Quantity is a string or number with a grammar of its own; tell the validator.
    if (name === 'io.k8s.apimachinery.pkg.api.resource.Quantity') s.format = 'quantity';
    if (!byPkg.has(pkg)) byPkg.set(pkg, {});
    byPkg.get(pkg)[name] = s;
    k8sDefinitions.set(name, s);
  }
  for (const [pkg, definitions] of byPkg)
    sizes[`kubernetes/${pkg}`] = writeJson(`kubernetes/${pkg}.json`, { definitions });
  // Kubernetes serves every version listed; the preferred one is the highest ranked (GA > beta > alpha).
  markPreferred(kinds.filter((k) => k.source === 'kubernetes'));
  for (const k of kinds.filter((x) => x.source === 'kubernetes')) markDeprecated(k, kinds);
}
/** Kind -> 'Namespaced' | 'Cluster', from the REST paths that create it. */
function scopesOf(paths) {
  const scopes = new Map();
  for (const [p, item] of Object.entries(paths ?? {})) {
    const op = item.post ?? item.put;
    const gvk = op?.['x-kubernetes-group-version-kind'];
    if (!gvk || p.includes('/watch/') || /\/\{name\}\/[a-z]+$/.test(p)) continue; // skip subresources
    const ns = p.includes('/namespaces/{namespace}/');
    if (ns || !scopes.has(gvk.kind)) scopes.set(gvk.kind, ns ? 'Namespaced' : 'Cluster');
  }
  return scopes;
}
function pkgFile(name) {
  return `kubernetes/${name.slice(0, name.lastIndexOf('.'))}`;
}

/**
 * A kind whose Go type carries `+k8s:prerelease-lifecycle-gen:deprecated` still is served, and the API
 * server answers each request with a warning ("v1 Endpoints is deprecated in v1.33+; use
 * discovery.k8s.io/v1 EndpointSlice"). The OpenAPI has only the type's comment ("Deprecated: This API is
 * deprecated in v1.33+. Use discoveryv1.EndpointSlice."): the warning is rebuilt from it, the replacement's
 * Go package (`discoveryv1`) read as the group whose first label and version it names.
 */
function markDeprecated(k, all) {
  const m =
    /Deprecated: This API is deprecated in (v\d+\.\d+\+)\.?(?: Use (\w+?)(v\d+(?:(?:alpha|beta)\d+)?)\.(\w+))?/.exec(
      k.description ?? '',
    );
  delete k.description;
  if (!m) return;
  const here = k.group ? `${k.group}/${k.version}` : k.version;
  const [, since, pkg, version, kind] = m;
  const use = pkg
    ? all.find(
        (x) =>
          x.source === 'kubernetes' &&
          x.kind === kind &&
          x.version === version &&
          (pkg === 'core' ? x.group === '' : x.group.split('.')[0] === pkg),
      )
    : undefined;
  k.deprecated = true;
  k.deprecationWarning = `${here} ${k.kind} is deprecated in ${since}${use ? `; use ${use.group ? `${use.group}/` : ''}${use.version} ${use.kind}` : ''}`;
}

function markPreferred(list) {
  const byGK = new Map();
  for (const k of list) {
    const key = `${k.group}/${k.kind}`;
    if (!byGK.has(key)) byGK.set(key, []);
    byGK.get(key).push(k);
  }
  for (const vs of byGK.values()) {
    const best = vs
      .filter((v) => v.served)
      .sort((a, b) => versionRank(b.version) - versionRank(a.version))[0];
    if (best) best.preferred = true;
  }
}

// ---------------------------------------------------------------- CRDs (Istio, Gateway API)
{
  const groups = new Map(); // group -> { source, roots: [[defName, schema]] }
  for (const [source, rel] of CRD_FILES) {
    const text = fs.readFileSync(path.join(upstream, rel), 'utf8');
    for (const doc of parseAllDocuments(text)) {
      const crd = doc.toJS({ maxAliasCount: -1 });
      if (!crd || crd.kind !== 'CustomResourceDefinition') continue;
      const { group, names, scope, versions } = crd.spec;
      if (!groups.has(group)) groups.set(group, { source, roots: [] });
      const g = groups.get(group);
      for (const v of versions) {
        const defName = `${names.kind}.${v.name}`;
        const schema = clean(
          v.schema?.openAPIV3Schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
          (r) => r,
          true,
        );
        withStandardFields(schema);
        g.roots.push([defName, schema]);
        const k = {
          group,
          version: v.name,
          kind: names.kind,
          source,
          served: v.served !== false,
          storage: v.storage === true,
          preferred: false,
          deprecated: v.deprecated === true,
          scope,
          schema: `crds/${group}#${defName}`,
        };
        if (v.deprecationWarning) k.deprecationWarning = v.deprecationWarning;
        kinds.push(k);
      }
    }
  }
  // The version to suggest is the highest-ranked served one (Telemetry stores v1alpha1 but serves v1).
  markPreferred(kinds.filter((k) => k.source !== 'kubernetes'));
  for (const group of [...groups.keys()].sort()) {
    const { roots } = groups.get(group);
    sizes[`crds/${group}`] = writeJson(`crds/${group}.json`, { definitions: shareSubtrees(roots) });
  }
}

/** The apiserver adds apiVersion, kind and metadata (ObjectMeta) to every CRD's schema. */
function withStandardFields(schema) {
  schema.type ??= 'object';
  const props = (schema.properties ??= {});
  const own = props.metadata;
  const metadata = { $ref: OBJECT_META };
  // Gateway API constrains metadata (e.g. name length): keep those beside ObjectMeta.
  props.metadata =
    own && Object.keys(own).some((k) => k !== 'type' && k !== 'properties' && k !== 'description')
      ? { allOf: [metadata, stripProps(own)] }
      : metadata;
  props.apiVersion ??= {
    type: 'string',
    description: 'APIVersion defines the versioned schema of this representation of an object.',
  };
  props.kind ??= {
    type: 'string',
    description: 'Kind is a string value representing the REST resource this object represents.',
  };
  // Keep the conventional order: apiVersion, kind, metadata first.
  schema.properties = Object.fromEntries(
    [
      'apiVersion',
      'kind',
      'metadata',
      ...Object.keys(props).filter((k) => !['apiVersion', 'kind', 'metadata'].includes(k)),
    ].map((k) => [k, props[k]]),
  );
}
function stripProps(s) {
  const rest = { ...s };
  for (const k of ['properties', 'type', 'description']) delete rest[k];
  return rest;
}

/**
 * Replaces every subtree that occurs at least twice (and is worth it) by a ref to one shared
 * definition. Top-down, so the largest shared subtrees win; their insides are shared in turn.
 * Definition names are content hashes: stable across runs.
 */
function shareSubtrees(roots) {
  const MIN = 400; // bytes: smaller subtrees cost less inline than as a definition + ref
  const count = new Map();
  const keyOf = new Map();
  const key = (node) => {
    if (typeof node !== 'object' || node === null) return JSON.stringify(node);
    let k = keyOf.get(node);
    if (k === undefined) {
      k = JSON.stringify(node);
      keyOf.set(node, k);
    }
    return k;
  };
  const visit = (node) => {
    if (typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    const k = key(node);
    count.set(k, (count.get(k) ?? 0) + 1);
    for (const v of Object.values(node)) visit(v);
  };
  for (const [, s] of roots) visit(s);
  const defs = {};
  const shared = new Map(); // content -> name
  const rewrite = (node, isRoot) => {
    if (typeof node !== 'object' || node === null) return node;
    if (Array.isArray(node)) return node.map((x) => rewrite(x, false));
    const k = key(node);
    if (
      !isRoot &&
      k.length >= MIN &&
      count.get(k) > 1 &&
      (node.properties || node.items || node.allOf || node.oneOf || node.anyOf)
    ) {
      let name = shared.get(k);
      if (!name) {
        name = 'h' + crypto.createHash('sha1').update(k).digest('hex').slice(0, 12);
        shared.set(k, name);
        defs[name] = null; // reserve (keeps recursion from re-entering)
        defs[name] = rewriteFields(node);
      }
      return { $ref: `#${name}` };
    }
    return rewriteFields(node);
  };
  const rewriteFields = (node) => {
    const o = {};
    for (const [f, v] of Object.entries(node)) {
      if (f === 'properties')
        o[f] = Object.fromEntries(Object.entries(v).map(([p, ps]) => [p, rewrite(ps, false)]));
      else if (f === 'x-kubernetes-validations' || f === 'enum' || f === 'required' || f === 'default')
        o[f] = v;
      else o[f] = rewrite(v, false);
    }
    return o;
  };
  const rootDefs = {};
  const seenRoot = new Map();
  for (const [name, s] of roots) {
    const k = key(s);
    const same = seenRoot.get(k);
    if (same) {
      rootDefs[name] = { $ref: `#${same}` };
      continue;
    } // identical version schema: share it whole
    seenRoot.set(k, name);
    rootDefs[name] = rewrite(s, true);
  }
  const sortedShared = Object.fromEntries(
    Object.keys(defs)
      .sort()
      .map((n) => [n, defs[n]]),
  );
  return { ...rootDefs, ...sortedShared };
}

// ---------------------------------------------------------------- istioctl inputs (IstioOperator)
// Not a CRD: `istioctl install -f` reads it with Go's encoding/json into its own types (unknown fields are
// errors, field names match case-insensitively, nothing is required). The file holds the hand-derived
// types and a copy of every Kubernetes definition they reach, with refs made local, so the engine can tell
// by the file that this schema is read the way istioctl reads it.
{
  const src = JSON.parse(
    fs.readFileSync(path.join(root, 'third_party/istio/operator/istiooperator.json'), 'utf8'),
  );
  const own = src.definitions;
  const definitions = {};
  const pending = [];
  const local = (ref) => {
    let name;
    if (ref.startsWith('kubernetes:')) name = ref.slice('kubernetes:'.length);
    else if (ref.startsWith('#') && own[ref.slice(1)]) return ref;
    else name = ref.slice(ref.indexOf('#') + 1); // a copied Kubernetes definition's own refs
    if (!k8sDefinitions.has(name)) throw new Error(`istiooperator.json: unresolved ref ${ref}`);
    if (!(name in definitions)) {
      definitions[name] = null; // reserve: refs between definitions may cycle
      pending.push(name);
    }
    return `#${name}`;
  };
  const rewrite = (node) => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (typeof node !== 'object' || node === null) return node;
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [
        k,
        k === '$ref' ? local(v) : k === 'enum' || k === 'default' ? v : rewrite(v),
      ]),
    );
  };
  const rootName = `${src.kind}.${src.version}`;
  const ownOut = {};
  for (const [name, s] of Object.entries(own)) {
    const cleaned = rewrite(clean(s, (r) => r));
    ownOut[name === src.root ? rootName : name] = cleaned;
  }
  // The root is named like a CRD root (Kind.version); refs to it by its own name are not expected.
  while (pending.length) {
    const name = pending.pop();
    definitions[name] = rewrite(k8sDefinitions.get(name));
  }
  const file = `istioctl/${src.group}`;
  const sorted = Object.fromEntries(
    Object.keys(definitions)
      .sort()
      .map((n) => [n, definitions[n]]),
  );
  sizes[file] = writeJson(`${file}.json`, { definitions: { ...ownOut, ...sorted } });
  kinds.push({
    group: src.group,
    version: src.version,
    kind: src.kind,
    source: 'istioctl',
    served: true,
    preferred: true,
    deprecated: false,
    schema: `${file}#${rootName}`,
  });
}

// ---------------------------------------------------------------- kustomize's input (kustomization files)
// Not an API kind: `kustomize build` reads kustomization.yaml with Go's encoding/json into its own types (unknown
// fields are errors, field names match case-insensitively, nothing is required). Hand-derived, self-contained
// (kustomize's ObjectMeta is its own four fields); one root for Kustomization and Component, one struct in Go.
{
  const src = JSON.parse(
    fs.readFileSync(path.join(root, 'third_party/kustomize/kustomization.json'), 'utf8'),
  );
  const file = `kustomize/${src.group}`;
  const definitions = Object.fromEntries(
    Object.entries(src.definitions).map(([name, s]) => [name, clean(s, (r) => r)]),
  );
  sizes[file] = writeJson(`${file}.json`, { definitions });
  for (const k of src.kinds)
    kinds.push({
      group: src.group,
      version: k.version,
      kind: k.kind,
      source: 'kustomize',
      served: true,
      preferred: true,
      deprecated: false,
      schema: `${file}#${src.root}`,
    });
}

// ---------------------------------------------------------------- index
kinds.sort(
  (a, b) =>
    a.group.localeCompare(b.group) ||
    a.kind.localeCompare(b.kind) ||
    versionRank(b.version) - versionRank(a.version),
);
for (const k of kinds) {
  if (k.scope === null) delete k.scope;
}
const index = {
  note: 'Generated by scripts/generate-schemas.mjs from third_party/upstream (see schemas/README.md). Do not edit.',
  kinds,
};
sizes.index = writeJson('index.json', index);

const total = Object.values(sizes).reduce((a, b) => a + b, 0);
const nGroups = new Set(kinds.map((k) => k.group)).size;
if (!output.check) {
  console.log(
    `schemas: ${kinds.length} group/version/kinds in ${nGroups} groups, ${Object.keys(sizes).length} files, ${(total / 1024).toFixed(0)} KiB`,
  );
  for (const [f, n] of Object.entries(sizes)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8))
    console.log(`  ${f}.json ${(n / 1024).toFixed(0)} KiB`);
}
output.finish('generate-schemas', {
  owned: ['schemas/crds', 'schemas/kubernetes', 'schemas/istioctl', 'schemas/kustomize'],
});
