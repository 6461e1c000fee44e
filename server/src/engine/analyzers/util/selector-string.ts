// labels.SelectorFromSet(m).String() of Kubernetes: `k=v` pairs sorted by key, comma-separated
// ('' for an empty set). Istio's analyzers print workload selectors this way.
import { stringRecord } from '../../analysis/labels';

export function selectorString(matchLabels: unknown): string {
  const m = stringRecord(matchLabels);
  return Object.keys(m)
    .sort()
    .map((k) => `${k}=${m[k]}`)
    .join(',');
}

/** Every key/value of `subset` is in `superset` (Istio's maps.Contains(superset, subset)). */
export function mapContains(
  superset: Readonly<Record<string, string>>,
  subset: Readonly<Record<string, string>>,
): boolean {
  for (const [k, v] of Object.entries(subset))
    if (!Object.prototype.hasOwnProperty.call(superset, k) || superset[k] !== v) return false;
  return true;
}
