// kustomize's `replacements` (api/filters/replacement): a value copied from a field of one rendered
// resource (or a literal `sourceValue`) into fields of the resources a target selects, after every other
// transformer of the kustomization. A source or field the rendering cannot supply (a generated
// ConfigMap, a remote base, a path no resource has: `kustomize build` fails on the last) writes
// UNRESOLVED instead, a placeholder the analyzers treat as unknown text, so a finding never rests on the
// value as written when kustomize overwrites it.
import { arr, asString, isObj, obj, type Obj } from '../util/json';
import { readTarget, type PatchTarget } from './kustomization';
import { identifies, selects } from './select';

/** What an unresolved replacement writes: substitution syntax, read as unknown (util/placeholder.ts). */
export const UNRESOLVED = '${kustomize-replacement}';

interface FieldOptions {
  delimiter: string;
  index: number;
  create: boolean;
}

interface Target {
  select: PatchTarget;
  reject: PatchTarget[];
  fieldPaths: string[];
  options: FieldOptions;
}

export interface Replacement {
  source?: { id: PatchTarget; fieldPath: string; options: FieldOptions };
  sourceValue?: string;
  targets: Target[];
}

/** A rendered resource: its value and its name before this layer's prefix/suffix. */
export interface ReplacementItem {
  value: Obj;
  origName: string;
}

const DEFAULT_FIELD_PATH = 'metadata.name';

/** A selector as kustomize reads it; an absent one selects by nothing. */
const selector = (v: unknown): PatchTarget => readTarget(v) ?? {};

function options(v: unknown): FieldOptions {
  const o = obj(v);
  return {
    delimiter: asString(o.delimiter) ?? '',
    index: typeof o.index === 'number' ? o.index : 0,
    create: o.create === true,
  };
}

/**
 * The replacements of one `replacements` entry's value: an inline replacement, or the documents of the
 * file its `path` names (a replacement, or a list of them).
 */
export function readReplacements(values: readonly unknown[]): Replacement[] {
  return values
    .flatMap((v): unknown[] => (Array.isArray(v) ? v : [v]))
    .flatMap((v) => (isObj(v) ? [read(v)] : []));
}

function read(o: Obj): Replacement {
  const src = obj(o.source);
  return {
    source: isObj(o.source)
      ? {
          id: selector(src),
          fieldPath: asString(src.fieldPath) || DEFAULT_FIELD_PATH,
          options: options(src.options),
        }
      : undefined,
    sourceValue: typeof o.sourceValue === 'string' ? o.sourceValue : undefined,
    // A target without `select` fails the build ("target must specify resources to select"): it writes nothing.
    targets: arr(o.targets).flatMap((t) => {
      const to = obj(t);
      if (!isObj(to.select)) return [];
      const paths = arr(to.fieldPaths).filter((p): p is string => typeof p === 'string');
      return {
        select: selector(to.select),
        reject: arr(to.reject).map(selector),
        fieldPaths: paths.length ? paths : [DEFAULT_FIELD_PATH],
        options: options(to.options),
      };
    }),
  };
}

/** Applies the replacements in order, in place; false when some value could not be resolved. */
export function applyReplacements(
  items: readonly ReplacementItem[],
  replacements: readonly Replacement[],
): boolean {
  let resolved = true;
  for (const r of replacements) {
    const value = sourceOf(items, r);
    if (value === UNRESOLVED) resolved = false;
    for (const t of r.targets)
      for (const it of items)
        if (selects(t.select, it.value, it.origName) && !rejected(t.reject, it))
          for (const fp of t.fieldPaths)
            if (!setAt(it.value, splitPath(fp), value, t.options)) resolved = false;
  }
  return resolved;
}

function sourceOf(items: readonly ReplacementItem[], r: Replacement): unknown {
  if (r.sourceValue !== undefined) return r.sourceValue;
  if (!r.source) return UNRESOLVED;
  const { id, fieldPath, options: opt } = r.source;
  const matches = items.filter((it) => identifies(id, it.value, it.origName));
  if (matches.length !== 1) return UNRESOLVED; // none (generated, remote) or several: kustomize fails
  const found = lookup(matches[0].value, splitPath(fieldPath));
  if (found === undefined || found === null || found === '') return UNRESOLVED;
  if (!opt.delimiter) return structuredClone(found);
  if (typeof found === 'object') return UNRESOLVED;
  const parts = scalarText(found).split(opt.delimiter);
  return opt.index >= 0 && opt.index < parts.length ? parts[opt.index] : UNRESOLVED;
}

/** A reject entry drops a target its resource id or its label/annotation selectors pick. */
function rejected(rejects: readonly PatchTarget[], it: ReplacementItem): boolean {
  return rejects.some((r) => {
    const { labelSelector, annotationSelector, ...id } = r;
    if (Object.values(id).some(Boolean) && selects(id, it.value, it.origName)) return true;
    return (
      !!(labelSelector || annotationSelector) &&
      selects({ labelSelector, annotationSelector }, it.value, it.origName)
    );
  });
}

/** kyaml's SmarterPathSplitter: `.` separates segments except inside `[...]`. */
export function splitPath(path: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  for (const ch of path) {
    if (ch === '[') depth++;
    else if (ch === ']') depth = Math.max(0, depth - 1);
    if (ch === '.' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const ELEMENT = /^\[([^=\]]+)=([^\]]*)\]$/;

/** The fields one segment leads to from `node`, as [container, key] pairs. */
function step(node: unknown, seg: string, create: boolean): [Obj | unknown[], string | number][] {
  const el = ELEMENT.exec(seg);
  if (Array.isArray(node)) {
    if (seg === '*') return node.map((_, i) => [node, i]);
    if (el) {
      const hits = node.flatMap((e, i): [unknown[], number][] =>
        isObj(e) && String(e[el[1]]) === el[2] ? [[node, i]] : [],
      );
      if (!hits.length && create) {
        node.push({ [el[1]]: el[2] });
        return [[node, node.length - 1]];
      }
      return hits;
    }
    const i = /^\d+$/.test(seg) ? Number(seg) : -1;
    return i >= 0 && i < node.length ? [[node, i]] : [];
  }
  if (!isObj(node) || el) return [];
  if (seg === '*') return Object.keys(node).map((k) => [node, k]);
  if (!(seg in node) && !create) return [];
  return [[node, seg]];
}

function lookup(root: Obj, path: readonly string[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    const next = step(cur, seg, false);
    if (next.length !== 1) return undefined;
    const [c, k] = next[0];
    cur = (c as Record<string | number, unknown>)[k];
  }
  return cur;
}

/** Writes `value` at every field the path reaches; false when it reaches none (kustomize fails). */
function setAt(root: Obj, path: readonly string[], value: unknown, opt: FieldOptions): boolean {
  let level: [Obj | unknown[], string | number][] = [[{ root }, 'root']];
  for (const seg of path) {
    level = level.flatMap(([c, k]) => {
      const holder = c as Record<string | number, unknown>;
      if (opt.create && (holder[k] === undefined || holder[k] === null))
        holder[k] = /^(\d+|\*|\[.*\])$/.test(seg) ? [] : {};
      return step(holder[k], seg, opt.create);
    });
  }
  for (const [c, k] of level) {
    const holder = c as Record<string | number, unknown>;
    holder[k] = written(holder[k], value, opt);
  }
  return level.length > 0;
}

/** The target field's new value: a scalar keeps its type where the text allows (kyaml copies the text). */
function written(old: unknown, value: unknown, opt: FieldOptions): unknown {
  const scalar = (v: unknown) => v === null || v === undefined || typeof v !== 'object';
  if (!scalar(value)) return structuredClone(value);
  let text = scalarText(value);
  if (opt.delimiter && typeof old === 'string') {
    const parts = old.split(opt.delimiter);
    if (opt.index < 0) parts.unshift(text);
    else if (opt.index >= parts.length) parts.push(text);
    else parts[opt.index] = text;
    text = parts.join(opt.delimiter);
  }
  if (typeof old === 'number' && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  if (typeof old === 'boolean' && (text === 'true' || text === 'false')) return text === 'true';
  return scalar(old) && old !== undefined && old !== null ? text : value;
}

/** A scalar's text as YAML wrote it (a null is empty). */
function scalarText(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}
