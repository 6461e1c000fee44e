// Properties every diagnostic must have, whatever the input: a range inside its document.
import type { Range } from '../../server/src/engine/model/diagnostic';

/** Line lengths without terminators, splitting on \r\n, \r and \n as LSP does. */
export function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

function rangeProblem(lens: number[], r: Range | undefined): string | undefined {
  if (!r || !r.start || !r.end) return 'missing range';
  for (const p of [r.start, r.end]) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0)
      return `bad position ${JSON.stringify(p)}`;
    if (p.line >= lens.length) return `line ${p.line} beyond the ${lens.length} lines`;
    if (p.character > lens[p.line])
      return `character ${p.character} beyond line ${p.line} of length ${lens[p.line]}`;
  }
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character))
    return `start after end ${JSON.stringify(r)}`;
  return undefined;
}

/** Problems with the ranges of `diags` (and of their related information in the same document). */
export function rangeProblems(
  text: string,
  // Engine diagnostics and LSP ones (numeric codes allowed) both fit.
  diags: readonly { range: Range; code?: string | number; relatedInformation?: readonly unknown[] }[],
  uri?: string,
): string[] {
  const lens = lineLengths(text);
  const out: string[] = [];
  for (const d of diags) {
    const p = rangeProblem(lens, d.range);
    if (p) out.push(`${d.code}: ${p}`);
    for (const rel of d.relatedInformation ?? []) {
      const relUri =
        (rel as { uri?: string; location?: { uri: string } }).uri ??
        (rel as { location?: { uri: string } }).location?.uri;
      if (relUri !== undefined && relUri !== uri) continue;
      const range =
        (rel as { range?: Range }).range ?? (rel as { location?: { range: Range } }).location?.range;
      const q = rangeProblem(lens, range);
      if (q) out.push(`${d.code} related: ${q}`);
    }
  }
  return out;
}
