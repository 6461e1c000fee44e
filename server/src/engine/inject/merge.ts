// Strategic merge patch of a Pod (k8s.io/apimachinery strategicpatch with corev1.Pod's patch
// metadata): lists of containers, volumes, env... merge by their key; other lists are replaced;
// a null in the patch deletes the key. Element order follows strategicpatch's normalizeElementOrder.
import { isObj, type Obj } from '../util/json';

type Kind = 'pod' | 'meta' | 'spec' | 'container' | 'other';
interface ListMeta {
  key: string | null;
  elem: Kind;
} // key null: merge as a set of primitives

const LISTS: Partial<Record<Kind, Record<string, ListMeta>>> = {
  meta: { finalizers: { key: null, elem: 'other' }, ownerReferences: { key: 'uid', elem: 'other' } },
  spec: {
    containers: { key: 'name', elem: 'container' },
    initContainers: { key: 'name', elem: 'container' },
    ephemeralContainers: { key: 'name', elem: 'container' },
    volumes: { key: 'name', elem: 'other' },
    imagePullSecrets: { key: 'name', elem: 'other' },
    hostAliases: { key: 'ip', elem: 'other' },
    topologySpreadConstraints: { key: 'topologyKey', elem: 'other' },
    resourceClaims: { key: 'name', elem: 'other' },
    schedulingGates: { key: 'name', elem: 'other' },
  },
  container: {
    ports: { key: 'containerPort', elem: 'other' },
    env: { key: 'name', elem: 'other' },
    volumeMounts: { key: 'mountPath', elem: 'other' },
    volumeDevices: { key: 'devicePath', elem: 'other' },
    resizePolicy: { key: 'resourceName', elem: 'other' },
  },
};
const CHILD: Partial<Record<Kind, Record<string, Kind>>> = { pod: { metadata: 'meta', spec: 'spec' } };

/** Returns a new pod: `patch` merged onto `original` (neither is modified). */
export function strategicMergePod(original: Obj, patch: Obj): Obj {
  return mergeMap(clone(original), patch, 'pod');
}

export function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function mergeMap(orig: Obj, patch: Obj, kind: Kind): Obj {
  for (const [k, pv] of Object.entries(patch)) {
    if (k.startsWith('$')) continue; // directives ($patch, $retainKeys...) are not used by the templates
    if (pv === null) {
      delete orig[k];
      continue;
    }
    const ov = orig[k];
    const lm = LISTS[kind]?.[k];
    if (Array.isArray(pv) && lm && Array.isArray(ov)) orig[k] = mergeList(ov, pv, lm);
    else if (Array.isArray(pv) && lm) orig[k] = mergeList([], pv, lm);
    else if (isObj(pv) && isObj(ov)) orig[k] = mergeMap(ov, pv, CHILD[kind]?.[k] ?? 'other');
    else if (isObj(pv)) orig[k] = mergeMap({}, pv, CHILD[kind]?.[k] ?? 'other');
    else orig[k] = clone(pv);
  }
  return orig;
}

function keyOf(v: unknown, key: string | null): unknown {
  if (key === null) return v;
  return isObj(v) ? v[key] : undefined;
}

function mergeList(orig: unknown[], patch: unknown[], lm: ListMeta): unknown[] {
  const merged = orig.slice();
  const keyEq = (a: unknown, b: unknown) => keyOf(a, lm.key) === keyOf(b, lm.key);
  for (const p of patch) {
    const i = merged.findIndex((o) => keyEq(o, p));
    if (i >= 0)
      merged[i] =
        lm.key === null ? p : mergeMap(isObj(merged[i]) ? merged[i] : {}, isObj(p) ? p : {}, lm.elem);
    else merged.push(lm.key === null || !isObj(p) ? clone(p) : mergeMap({}, p, lm.elem));
  }
  // normalizeElementOrder: patch items in patch order, server-only items in server order,
  // interleaved by their positions in the original list.
  const inPatch = (v: unknown) => patch.some((p) => keyEq(p, v));
  const idx = (list: unknown[], v: unknown) => list.findIndex((x) => keyEq(x, v));
  const patchItems = merged.filter(inPatch).sort((a, b) => idx(patch, a) - idx(patch, b));
  const serverOnly = merged.filter((v) => !inPatch(v)).sort((a, b) => idx(orig, a) - idx(orig, b));
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < patchItems.length) {
    if (j >= patchItems.length) out.push(serverOnly[i++]);
    else if (i >= serverOnly.length) out.push(patchItems[j++]);
    else {
      const li = idx(orig, serverOnly[i]);
      const ri = idx(orig, patchItems[j]);
      if (li >= 0 && ri >= 0 && li < ri) out.push(serverOnly[i++]);
      else out.push(patchItems[j++]);
    }
  }
  return out;
}
