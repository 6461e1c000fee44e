// Label selection: Istio's workload selectors (a plain map) and Kubernetes label selectors
// (matchLabels + matchExpressions).
import { arr, toText, valueAt } from './json';

export type Labels = Readonly<Record<string, string>>;

/** Every key/value of the selector is on the labels. An empty or missing selector selects everything. */
export function selectorMatches(selector: Labels | undefined | null, labels: Labels): boolean {
  if (!selector) return true;
  // for-in, not keys or entries: asked per pod and selector, and the key lists were most of what
  // trial placements allocated (selectors are plain records: nothing inherited is enumerable).
  for (const k in selector) if (labels[k] !== selector[k]) return false;
  return true;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** metav1.LabelSelector semantics. An empty selector matches everything; a malformed expression matches nothing. */
export function labelSelectorMatches(sel: unknown, labels: Labels): boolean {
  if (!sel || typeof sel !== 'object') return true;
  if (!selectorMatches(stringRecord(valueAt(sel, 'matchLabels')), labels)) return false;
  for (const e of arr(valueAt(sel, 'matchExpressions'))) {
    const key = toText(valueAt(e, 'key'));
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    const values = arr(valueAt(e, 'values')).map(toText);
    switch (valueAt(e, 'operator')) {
      case 'In':
        if (!has || !values.includes(labels[key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** A map of string values; other values are dropped. */
const records = new WeakMap<object, Readonly<Record<string, string>>>();
const EMPTY: Readonly<Record<string, string>> = Object.freeze({});

/** Memoised per object (resource values are computed once and never change): selectors are matched against every pod. */
export function stringRecord(v: unknown): Readonly<Record<string, string>> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return EMPTY;
  let out = records.get(v);
  if (out) return out;
  const rec: Record<string, string> = {};
  for (const [k, x] of Object.entries(v))
    if (typeof x === 'string') rec[k] = x;
    else if (typeof x === 'number' || typeof x === 'boolean') rec[k] = String(x);
  records.set(v, (out = Object.freeze(rec)));
  // A record is its own: selectors built from records (`{ matchLabels }`) are read again per pod.
  records.set(out, out);
  return out;
}

/** klabels.SelectorFromSet(m).String(): `k1=v1,k2=v2` with sorted keys; '' for an empty set. */
export function selectorString(m: Labels): string {
  return Object.keys(m)
    .sort()
    .map((k) => `${k}=${m[k]}`)
    .join(',');
}
