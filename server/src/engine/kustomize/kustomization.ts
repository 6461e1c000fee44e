// A kustomization (`kustomization.yaml|yml`, `Kustomization`) read into the fields that decide the
// identity and relationships of what it renders (sigs.k8s.io/kustomize api/types/kustomization.go).
import type { PathSegment } from '../parse/nodes';
import { arr, asString, obj, type Obj } from '../util/json';
import { dirOf } from './paths';
import { readConfigMapGenerators, type GeneratedConfigMap } from './generators';

// The file names live with the parser, which gives a kustomization the header kustomize defaults.
export { KUSTOMIZATION_FILE_NAMES, isKustomizationUri } from '../parse/kustomizationFile';

export interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export interface PatchRef {
  /** A file relative to the kustomization, or inline text. */
  path?: string;
  patch?: string;
  target?: PatchTarget;
  /** patchesJson6902: the patch is a JSON patch (a list of operations). */
  json?: boolean;
  at: PathSegment[];
}

export interface LabelSet {
  pairs: Record<string, string>;
  includeSelectors: boolean;
  includeTemplates: boolean;
}

export interface ImageRule {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** An entry kustomize would run a program or fetch a remote for: noted, not rendered. */
export interface Unsupported {
  what: string;
  at: PathSegment[];
}

export interface Kustomization {
  uri: string;
  dir: string;
  component: boolean;
  resources: { ref: string; at: PathSegment[] }[];
  components: { ref: string; at: PathSegment[] }[];
  namespace?: string;
  namePrefix: string;
  nameSuffix: string;
  labels: LabelSet[];
  annotations: Record<string, string>;
  images: ImageRule[];
  patches: PatchRef[];
  /** The namespaces `helmCharts` entries name (a chart's objects are unknown there); '' for none. */
  helmChartNamespaces: string[];
  /** configMapGenerator entries (generators.ts). */
  configMaps: GeneratedConfigMap[];
  /** `replacements` entries: inline (`value`) or a file (`path`), read by replacements.ts. */
  replacements: { path?: string; value?: Obj; at: PathSegment[] }[];
  /** Transformer configuration files (config.ts): rename rules for more fields. */
  configurations: { ref: string; at: PathSegment[] }[];
  unsupported: Unsupported[];
  /**
   * Fields present that write names or values the rendering does not model: `crds` (name references
   * of other kinds' fields) and `vars` (values copied into `$(VAR)` references). What they rename or
   * write is unknown.
   */
  unmodelled: string[];
}

function strings(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(obj(v)))
    if (typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out[k] = String(x);
  return out;
}

/** Fields whose rename rules or written values the rendering does not read (see Kustomization.unmodelled). */
const UNMODELLED_FIELDS = ['crds', 'vars'];

/** Fields that need programs or plugins (generators, transformers, Helm): not rendered offline. */
const PROGRAM_FIELDS = [
  'generators',
  'transformers',
  'validators',
  'helmCharts',
  'helmChartInflationGenerator',
];

export function readKustomization(uri: string, value: Obj): Kustomization {
  const k: Kustomization = {
    uri,
    dir: dirOf(uri),
    component: value.kind === 'Component',
    resources: [],
    components: [],
    namespace: asString(value.namespace) || undefined,
    namePrefix: asString(value.namePrefix) ?? '',
    nameSuffix: asString(value.nameSuffix) ?? '',
    labels: [],
    annotations: strings(value.commonAnnotations),
    images: [],
    patches: [],
    helmChartNamespaces: arr(value.helmCharts).map((c) => asString(obj(c).namespace) ?? ''),
    configMaps: readConfigMapGenerators(value),
    replacements: [],
    configurations: [],
    unsupported: [],
    unmodelled: UNMODELLED_FIELDS.filter((f) => value[f] !== undefined && value[f] !== null),
  };
  for (const field of ['resources', 'bases'] as const)
    arr(value[field]).forEach((r, i) => {
      if (typeof r === 'string') k.resources.push({ ref: r, at: [field, i] });
    });
  arr(value.replacements).forEach((r, i) => {
    const o = obj(r);
    const path = asString(o.path);
    k.replacements.push(
      path !== undefined ? { path, at: ['replacements', i] } : { value: o, at: ['replacements', i] },
    );
  });
  arr(value.configurations).forEach((r, i) => {
    if (typeof r === 'string') k.configurations.push({ ref: r, at: ['configurations', i] });
  });
  arr(value.components).forEach((r, i) => {
    if (typeof r === 'string') k.components.push({ ref: r, at: ['components', i] });
  });
  const common = strings(value.commonLabels);
  if (Object.keys(common).length)
    k.labels.push({ pairs: common, includeSelectors: true, includeTemplates: true });
  for (const l of arr(value.labels)) {
    const o = obj(l);
    const sel = o.includeSelectors === true;
    k.labels.push({
      pairs: strings(o.pairs),
      includeSelectors: sel,
      includeTemplates: sel || o.includeTemplates === true,
    });
  }
  for (const im of arr(value.images)) {
    const o = obj(im);
    const name = asString(o.name);
    if (name)
      k.images.push({
        name,
        newName: asString(o.newName),
        newTag: scalar(o.newTag),
        digest: asString(o.digest),
      });
  }
  /** A `patches` or `patchesJson6902` entry: a file or an inline patch, and what it targets. */
  const patchEntry = (p: unknown, at: PathSegment[]): PatchRef => {
    const o = obj(p);
    return { path: asString(o.path), patch: asString(o.patch), target: readTarget(o.target), at };
  };
  arr(value.patches).forEach((p, i) => k.patches.push(patchEntry(p, ['patches', i])));
  arr(value.patchesStrategicMerge).forEach((p, i) => {
    if (typeof p !== 'string') return;
    const inline = p.includes('\n') || /^\s*(apiVersion|kind)\s*:/.test(p);
    k.patches.push({
      path: inline ? undefined : p,
      patch: inline ? p : undefined,
      at: ['patchesStrategicMerge', i],
    });
  });
  arr(value.patchesJson6902).forEach((p, i) =>
    k.patches.push({ ...patchEntry(p, ['patchesJson6902', i]), json: true }),
  );
  for (const f of PROGRAM_FIELDS)
    if (value[f] !== undefined) k.unsupported.push({ what: `\`${f}\``, at: [f] });
  return k;
}

function scalar(v: unknown): string | undefined {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/** A patch target, replacement target or source: the fields kustomize selects resources by. */
export function readTarget(v: unknown): PatchTarget | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const o = obj(v);
  return {
    group: asString(o.group),
    version: asString(o.version),
    kind: asString(o.kind),
    name: asString(o.name),
    namespace: asString(o.namespace),
    labelSelector: asString(o.labelSelector),
    annotationSelector: asString(o.annotationSelector),
  };
}
