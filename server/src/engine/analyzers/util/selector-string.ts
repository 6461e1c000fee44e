// labels.SelectorFromSet(m).String() of Kubernetes over a manifest's matchLabels, whatever it holds:
// `k=v` pairs sorted by key, comma-separated ('' for an empty set). Istio's analyzers print workload
// selectors this way.
import { selectorString as ofLabels, stringRecord } from '../../util/labels';

export function selectorString(matchLabels: unknown): string {
  return ofLabels(stringRecord(matchLabels));
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
