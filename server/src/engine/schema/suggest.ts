// Did-you-mean: the candidates closest to a misspelt name, by edit distance (case-insensitive,
// with a transposition counted as one edit), bounded so long inputs stay cheap.
import { editDistance } from '../util/editDistance';

export { editDistance };

/** How far a suggestion may be from the input and still be offered. */
export function threshold(word: string): number {
  return Math.max(1, Math.min(3, Math.floor(word.length / 3)));
}

/** Candidates within the threshold, closest first (ties keep candidate order); at most `max`. */
export function closest(word: string, candidates: Iterable<string>, max = 3): string[] {
  const limit = threshold(word);
  const scored: [string, number][] = [];
  for (const c of candidates) {
    if (c === word) continue;
    const d = c.toLowerCase() === word.toLowerCase() ? 0 : editDistance(word, c, limit);
    if (d <= limit) scored.push([c, d]);
  }
  scored.sort((x, y) => x[1] - y[1]);
  return [...new Set(scored.map(([c]) => c))].slice(0, max);
}

/** `a`, `a` or `b`, `a`, `b` or `c` (backticked). */
export function orList(items: readonly string[]): string {
  const q = items.map((s) => `\`${s}\``);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
}

/** Candidates sharing a CamelCase word of 4+ letters with `word` (IstioProxy -> ProxyConfig). */
export function sharingWords(word: string, candidates: Iterable<string>, max = 3): string[] {
  const words = (s: string) =>
    (s.match(/[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g) ?? []).map((w) => w.toLowerCase()).filter((w) => w.length >= 4);
  const mine = new Set(words(word));
  const out: string[] = [];
  for (const c of candidates)
    if (c !== word && words(c).some((w) => mine.has(w)) && !out.includes(c)) out.push(c);
  return out.slice(0, max);
}
