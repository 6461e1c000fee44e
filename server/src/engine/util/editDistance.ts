// Edit distance between names, for did-you-mean suggestions and near-miss tests: case-insensitive,
// bounded so long inputs stay cheap.

export interface EditDistanceOptions {
  /** A swap of neighbours is one edit (optimal string alignment); else Levenshtein. */
  transpositions?: boolean;
  /** Inputs longer than this are never close. */
  maxLen?: number;
}

/** The distance, or limit+1 as soon as it is exceeded. */
export function editDistance(
  a: string,
  b: string,
  limit = 8,
  { transpositions = true, maxLen = 64 }: EditDistanceOptions = {},
): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit || a.length > maxLen || b.length > maxLen) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (transpositions && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}
