// Did-you-mean suggestions: the known names nearest to a misspelt one (case-insensitive Levenshtein
// distance: a transposition is two edits here).
import { editDistance } from '../util/editDistance';

/** The allowed distance grows with the length of what is compared. */
const limitFor = (s: string): number => Math.max(2, Math.floor(s.length / 5));

/** `prefix/` of a prefixed key (`sidecar.istio.io/`), or '' when it has none. */
const prefixOf = (key: string): string => key.slice(0, key.lastIndexOf('/') + 1);

/**
 * Up to `max` candidates within a distance that grows with the name's length, nearest first. A candidate
 * with the same prefix (`security.istio.io/`) differs only in its name, so it is measured on the names,
 * within a limit for the name: `security.istio.io/purpose` is not `security.istio.io/tlsMode` misspelt,
 * though five edits are within the limit of the whole 25-character key.
 */
export function closest(name: string, candidates: readonly string[], max = 3): string[] {
  const prefix = prefixOf(name);
  const scored: [string, number][] = [];
  for (const c of candidates) {
    const samePrefix = prefix !== '' && prefixOf(c).toLowerCase() === prefix.toLowerCase();
    const [a, b] = samePrefix ? [name.slice(prefix.length), c.slice(prefix.length)] : [name, c];
    const limit = limitFor(a);
    const d = editDistance(a, b, limit, { transpositions: false, maxLen: Infinity });
    if (d <= limit) scored.push([c, d]);
  }
  scored.sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1));
  return scored.slice(0, max).map(([c]) => c);
}
