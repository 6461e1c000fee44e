// The Applications an Argo CD ApplicationSet generates, as far as the workspace decides them: its `git`
// generator's `directories` (a path pattern whose segments may hold `*`, matched against the workspace's
// directories below the one its literal prefix names; `exclude: true` takes matches out) and its `list`
// generator's `elements`, each substituted into `spec.template` (`{{path}}`, `{{path.basename}}`,
// `{{path[n]}}`, an element's `{{key}}`; with `goTemplate`, `{{.path.path}}`, `{{.path.basename}}`,
// `{{index .path.segments n}}`, `{{.key}}`). Other generators (clusters, matrix, pull requests...) decide
// nothing here; a template value left with an unknown parameter is dropped by its reader.
import { arr, isObj, obj, str, type Obj } from '../util/json';

/** How the workspace's directories are found: by a repository-relative path, and all of them. */
export interface DirIndex {
  resolve(path: string): string | undefined;
  readonly all: ReadonlySet<string>;
}

/** Parameter name → value; a git directory's for both template syntaxes. */
type Params = ReadonlyMap<string, string>;

const MAX_GENERATED = 500;

/** The `spec`s of the Applications `appSet` (its value) generates. */
export function generatedApplications(appSet: Obj, dirs: DirIndex): Obj[] {
  const spec = obj(appSet.spec);
  const template = obj(obj(spec.template).spec);
  const out: Obj[] = [];
  for (const g of arr(spec.generators).filter(isObj)) {
    for (const params of [...gitDirectories(obj(g.git), dirs), ...listElements(obj(g.list))]) {
      if (out.length >= MAX_GENERATED) return out;
      out.push(substitute(template, params) as Obj);
    }
  }
  return out;
}

function listElements(list: Obj): Params[] {
  return arr(list.elements)
    .filter(isObj)
    .map((e) => {
      const m = new Map<string, string>();
      for (const [k, v] of Object.entries(e))
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
          m.set(k, String(v));
          m.set(`.${k}`, String(v));
        }
      return m;
    });
}

function gitDirectories(git: Obj, dirs: DirIndex): Params[] {
  const entries = arr(git.directories).filter(isObj);
  const matched = (exclude: boolean) =>
    new Set(
      entries.filter((d) => (d.exclude === true) === exclude).flatMap((d) => matches(str(d.path), dirs)),
    );
  const excluded = matched(true);
  return [...matched(false)].filter((p) => !excluded.has(p)).map(pathParams);
}

/** The repository-relative paths of the workspace's directories `pattern` matches. */
function matches(pattern: string, dirs: DirIndex): string[] {
  const segs = pattern
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '')
    .split('/');
  const firstGlob = segs.findIndex((s) => /[*?[]/.test(s));
  if (firstGlob < 0) return dirs.resolve(segs.join('/')) ? [segs.join('/')] : [];
  // The literal prefix names one directory of the workspace; the rest is matched below it.
  if (firstGlob === 0) return [];
  const prefix = segs.slice(0, firstGlob).join('/');
  const base = dirs.resolve(prefix);
  if (!base) return [];
  const rest = segs.slice(firstGlob).map(globRegExp);
  const out: string[] = [];
  for (const d of dirs.all) {
    if (!d.startsWith(`${base}/`)) continue;
    const tail = d.slice(base.length + 1).split('/');
    if (tail.length === rest.length && tail.every((t, i) => rest[i].test(t)))
      out.push(`${prefix}/${tail.join('/')}`);
  }
  return out.sort();
}

/** Go's path.Match for one segment: `*` and `?` within it, `[...]` classes. */
function globRegExp(seg: string): RegExp {
  let re = '';
  for (const c of seg)
    re += c === '*' ? '[^/]*' : c === '?' ? '[^/]' : /[\\^$.|+(){}]/.test(c) ? `\\${c}` : c;
  return new RegExp(`^${re}$`);
}

function pathParams(path: string): Params {
  const segments = path.split('/');
  const basename = segments[segments.length - 1];
  const normalized = basename.replace(/[^a-zA-Z0-9-]/g, '-');
  const m = new Map<string, string>([
    ['path', path],
    ['path.path', path],
    ['path.basename', basename],
    ['path.basenameNormalized', normalized],
    ['.path.path', path],
    ['.path.basename', basename],
    ['.path.basenameNormalized', normalized],
  ]);
  segments.forEach((s, i) => {
    m.set(`path[${i}]`, s);
    m.set(`index .path.segments ${i}`, s);
  });
  return m;
}

const PARAM = /\{\{-?\s*([^{}]*?)\s*-?\}\}/g;

/** The template with each known parameter replaced (strings only; unknown ones stay). */
function substitute(v: unknown, params: Params, depth = 0): unknown {
  if (typeof v === 'string') return v.replace(PARAM, (all, name: string) => params.get(name) ?? all);
  if (depth > 8) return v;
  if (Array.isArray(v)) return v.map((x) => substitute(x, params, depth + 1));
  if (isObj(v))
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x, params, depth + 1)]));
  return v;
}
