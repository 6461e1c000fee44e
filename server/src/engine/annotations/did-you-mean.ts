// Did-you-mean suggestions: the known names nearest to a misspelt one (case-insensitive Levenshtein
// distance: a transposition is two edits here).
import { editDistance } from '../util/editDistance';

/** Up to `max` candidates within a distance that grows with the name's length, nearest first. */
export function closest(name: string, candidates: readonly string[], max = 3): string[] {
  const limit = Math.max(2, Math.floor(name.length / 5));
  const scored: [string, number][] = [];
  for (const c of candidates) {
    const d = editDistance(name, c, limit, { transpositions: false, maxLen: Infinity });
    if (d <= limit) scored.push([c, d]);
  }
  scored.sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? -1 : 1));
  return scored.slice(0, max).map(([c]) => c);
}
