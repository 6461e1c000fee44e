// Strategic merge patch of a Pod (k8s.io/apimachinery strategicpatch with corev1.Pod's patch
// metadata): lists of containers, volumes, env... merge by their key; other lists are replaced;
// a null in the patch deletes the key. Element order follows strategicpatch's normalizeElementOrder.
import { isObj, type Obj } from '../util/json';

type Kind = 'pod' | 'meta' | 'spec' | 'container' | 'other';

/** The lists merged by a key (corev1's patchMergeKey; null: merged as a set of primitives), by `kind.field`. */
const MERGE_KEYS = new Map<string, string | null>([
  ['meta.finalizers', null],
  ['meta.ownerReferences', 'uid'],
  ['spec.containers', 'name'],
  ['spec.initContainers', 'name'],
  ['spec.ephemeralContainers', 'name'],
  ['spec.volumes', 'name'],
  ['spec.imagePullSecrets', 'name'],
  ['spec.hostAliases', 'ip'],
  ['spec.topologySpreadConstraints', 'topologyKey'],
  ['spec.resourceClaims', 'name'],
  ['spec.schedulingGates', 'name'],
  ['container.ports', 'containerPort'],
  ['container.env', 'name'],
  ['container.volumeMounts', 'mountPath'],
  ['container.volumeDevices', 'devicePath'],
  ['container.resizePolicy', 'resourceName'],
]);
/** The kind of a mapping field's value, by `kind.field`; any other is 'other'. */
const CHILD = new Map<string, Kind>([
  ['pod.metadata', 'meta'],
  ['pod.spec', 'spec'],
]);
/** The kind of a merged list's elements, by `kind.field`; any other is 'other'. */
const ELEMENT = new Map<string, Kind>([
  ['spec.containers', 'container'],
  ['spec.initContainers', 'container'],
  ['spec.ephemeralContainers', 'container'],
]);

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
    const field = `${kind}.${k}`;
    if (Array.isArray(pv) && MERGE_KEYS.has(field)) {
      const key = MERGE_KEYS.get(field) ?? null;
      orig[k] = mergeList(Array.isArray(ov) ? ov : [], pv, key, ELEMENT.get(field) ?? 'other');
    } else if (isObj(pv)) orig[k] = mergeMap(isObj(ov) ? ov : {}, pv, CHILD.get(field) ?? 'other');
    else orig[k] = clone(pv);
  }
  return orig;
}

function keyOf(v: unknown, key: string | null): unknown {
  if (key === null) return v;
  return isObj(v) ? v[key] : undefined;
}

function mergeList(orig: unknown[], patch: unknown[], key: string | null, elem: Kind): unknown[] {
  const merged = orig.slice();
  const keyEq = (a: unknown, b: unknown) => keyOf(a, key) === keyOf(b, key);
  for (const p of patch) {
    const i = merged.findIndex((o) => keyEq(o, p));
    if (i >= 0)
      merged[i] = key === null ? p : mergeMap(isObj(merged[i]) ? merged[i] : {}, isObj(p) ? p : {}, elem);
    else merged.push(key === null || !isObj(p) ? clone(p) : mergeMap({}, p, elem));
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
