// Strategic merge patch and JSON patch (RFC 6902) over plain values, as kustomize applies `patches`:
// maps merge key by key, `null` deletes, lists of objects merge by their merge key (`name`, or the
// keys Kubernetes declares for ports and the like), other lists are replaced; `$patch: delete`,
// `$patch: replace` and `$retainKeys` / `$setElementOrder` / `$deleteFromPrimitiveList` directives
// (k8s.io/apimachinery strategicpatch) are honoured. Inputs are never mutated.
import { isObj, type Obj } from '../util/json';

/** patchMergeKey of the lists Kubernetes merges by something other than `name`. */
const MERGE_KEYS: Readonly<Record<string, string>> = {
  ports: 'containerPort',
  volumeDevices: 'devicePath',
  imagePullSecrets: 'name',
  tolerations: 'key',
  hostAliases: 'ip',
  topologySpreadConstraints: 'topologyKey',
};

/** The key a list's items merge by, or undefined when the list is replaced. */
function mergeKey(field: string, base: unknown[], patch: unknown[]): string | undefined {
  const items = [...base, ...patch].filter(isObj);
  if (!items.length) return undefined;
  const declared = MERGE_KEYS[field];
  if (declared && items.some((i) => declared in i)) return declared;
  // Service ports merge by port (and protocol); container ports by containerPort.
  if (field === 'ports' && items.some((i) => 'port' in i)) return 'port';
  if (items.every((i) => 'name' in i || '$patch' in i)) return 'name';
  return undefined;
}

export function strategicMerge(base: unknown, patch: unknown): unknown {
  if (!isObj(patch)) return patch;
  if (patch.$patch === 'delete') return undefined;
  if (patch.$patch === 'replace') return withoutDirectives(patch);
  if (!isObj(base)) return withoutDirectives(patch);
  const out: Obj = { ...base };
  const retain = Array.isArray(patch.$retainKeys) ? new Set(patch.$retainKeys.map(String)) : undefined;
  if (retain) for (const k of Object.keys(out)) if (!retain.has(k) && !(k in patch)) delete out[k];
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) {
      const drop = /^\$deleteFromPrimitiveList\/(.+)$/.exec(k);
      if (drop && Array.isArray(out[drop[1]]) && Array.isArray(v)) {
        const gone = new Set(v.map(String));
        out[drop[1]] = (out[drop[1]] as unknown[]).filter((x) => !gone.has(String(x)));
      }
      continue;
    }
    if (v === null) {
      delete out[k];
      continue;
    }
    const merged = Array.isArray(v) ? mergeList(out[k], v, k) : strategicMerge(out[k], v);
    if (merged === undefined) delete out[k];
    else out[k] = merged;
  }
  return out;
}

function mergeList(base: unknown, patch: unknown[], field: string): unknown[] {
  if (patch.some((p) => isObj(p) && p.$patch === 'replace'))
    return patch.filter((p) => !(isObj(p) && p.$patch === 'replace')).map(withoutDirectives);
  if (!Array.isArray(base))
    return patch.filter((p) => !(isObj(p) && p.$patch === 'delete')).map(withoutDirectives);
  const key = mergeKey(field, base, patch);
  if (!key) return patch.map(withoutDirectives);
  const out: unknown[] = [...(base as unknown[])];
  for (const p of patch) {
    if (!isObj(p)) continue;
    const i = out.findIndex((b) => isObj(b) && b[key] !== undefined && b[key] === p[key]);
    if (p.$patch === 'delete') {
      if (i >= 0) out.splice(i, 1);
    } else if (i >= 0) out[i] = strategicMerge(out[i], p);
    else out.push(withoutDirectives(p));
  }
  return out;
}

function withoutDirectives(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutDirectives);
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) if (!k.startsWith('$')) out[k] = withoutDirectives(x);
  return out;
}

/** RFC 6902 operations (add, remove, replace, move, copy; test is ignored). A failing op leaves the value as it was. */
export function jsonPatch(base: unknown, ops: unknown): unknown {
  let doc = structuredClone(base);
  for (const op of Array.isArray(ops) ? ops : []) {
    if (!isObj(op) || typeof op.path !== 'string') continue;
    try {
      const path = pointer(op.path);
      switch (op.op) {
        case 'add':
          doc = put(doc, path, structuredClone(op.value), true);
          break;
        case 'replace':
          doc = put(doc, path, structuredClone(op.value), false);
          break;
        case 'remove':
          doc = remove(doc, path);
          break;
        case 'copy':
        case 'move': {
          if (typeof op.from !== 'string') break;
          const from = pointer(op.from);
          const v = structuredClone(get(doc, from));
          if (op.op === 'move') doc = remove(doc, from);
          doc = put(doc, path, v, true);
          break;
        }
      }
    } catch {
      // kustomize fails the build; for analysis the rest of the document still counts
    }
  }
  return doc;
}

function pointer(p: string): string[] {
  if (p === '') return [];
  return p
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function get(doc: unknown, path: string[]): unknown {
  let cur = doc;
  for (const seg of path) cur = Array.isArray(cur) ? cur[Number(seg)] : isObj(cur) ? cur[seg] : undefined;
  return cur;
}

function put(doc: unknown, path: string[], value: unknown, insert: boolean): unknown {
  if (!path.length) return value;
  const parent = get(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent)) {
    const i = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(i) || i < 0 || i > parent.length) throw new Error('index');
    if (insert) parent.splice(i, 0, value);
    else parent[i] = value;
  } else if (isObj(parent)) parent[last] = value;
  else throw new Error('path');
  return doc;
}

function remove(doc: unknown, path: string[]): unknown {
  const parent = get(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else if (isObj(parent)) delete parent[last];
  return doc;
}
