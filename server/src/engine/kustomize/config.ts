// A kustomization's `configurations`: transformer configuration files (api/internal/plugins/builtinconfig,
// TransformerConfig) that add field specs to kustomize's built-in ones. Their `nameReference` entries are
// the rename rules users add for kinds kustomize does not know (a VirtualService's gateways and
// destination hosts, a DestinationRule's host): when a prefix or suffix renames the referenced object,
// the fields they name are rewritten too. kustomize merges the configurations of every kustomization of
// a build and fixes the references once, at the end (FixBackReferences), so a rule applies to the whole
// rendering, wherever it is written.
import { arr, asString, isObj, obj } from '../util/json';

/** A field spec: the kinds (group, version) it applies to and the path of the field, split. */
export interface FieldSpec {
  group?: string;
  version?: string;
  kind?: string;
  path: string[];
}

/** A nameReference entry: references to objects of this kind are the fields its specs name. */
export interface NameReferenceRule {
  group?: string;
  version?: string;
  kind: string;
  fieldSpecs: FieldSpec[];
}

export interface TransformerConfig {
  nameReference: NameReferenceRule[];
  /** Field specs of other transformers (labels, annotations, namespace, images...): not modelled. */
  unmodelled: boolean;
}

/** Keys of a TransformerConfig that change nothing the rendering reads without another field (vars). */
const INERT = new Set(['nameReference', 'varReference']);

/** The documents of one configuration file, read as kustomize decodes a TransformerConfig. */
export function readTransformerConfig(docs: readonly unknown[]): TransformerConfig {
  const out: TransformerConfig = { nameReference: [], unmodelled: false };
  for (const d of docs) {
    if (d === null || d === undefined) continue;
    if (!isObj(d)) {
      out.unmodelled = true;
      continue;
    }
    for (const [k, v] of Object.entries(d))
      if (!INERT.has(k) && v !== null && !(Array.isArray(v) && !v.length)) out.unmodelled = true;
    for (const r of arr(d.nameReference)) {
      const o = obj(r);
      const kind = asString(o.kind);
      if (!kind) continue;
      out.nameReference.push({
        ...gvk(o),
        kind,
        fieldSpecs: arr(o.fieldSpecs).flatMap((f) => {
          const fo = obj(f);
          const path = asString(fo.path);
          return path ? [{ ...gvk(fo), kind: asString(fo.kind), path: splitPath(path) }] : [];
        }),
      });
    }
  }
  return out;
}

function gvk(o: Record<string, unknown>): { group?: string; version?: string } {
  return { group: asString(o.group), version: asString(o.version) };
}

/**
 * kustomize's field path: `/`-separated, `\/` for a slash inside a key, a `[]` suffix marking a list
 * (lists are walked through whether marked or not).
 */
export function splitPath(path: string): string[] {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    const last = out.length - 1;
    if (last >= 0 && out[last].endsWith('\\')) out[last] = `${out[last].slice(0, -1)}/${seg}`;
    else out.push(seg);
  }
  return out.map((s) => (s.endsWith('[]') ? s.slice(0, -2) : s));
}

/** fieldspec.isMatchGVK: the spec's kind, group and version, where given, are the object's. */
export function specSelects(
  spec: { group?: string; version?: string; kind?: string },
  v: Record<string, unknown>,
): boolean {
  const apiVersion = typeof v.apiVersion === 'string' ? v.apiVersion : '';
  const slash = apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  if (spec.kind && spec.kind !== v.kind) return false;
  if (spec.group && spec.group !== group) return false;
  if (spec.version && spec.version !== version) return false;
  return true;
}
