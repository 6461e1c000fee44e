// Runaway repetition (a mapping that repeats its keys dozens of times) must not flood the Problems
// panel: keep the first N of each code per document and say, once, how many were left out. The
// summary is as severe as the worst problem it hides: hidden notes never make a warning.
import { Severity, SOURCE, type EngineDiagnostic } from './model/diagnostic';
import type { EngineSettings } from './model/env';
import type { ParsedDoc, ParsedFile } from './parse/parseFile';

export function capDiagnostics(
  file: ParsedFile,
  doc: ParsedDoc,
  diags: EngineDiagnostic[],
  s: EngineSettings,
): EngineDiagnostic[] {
  if (diags.length <= s.maxPerCode) return diags;
  const perCode = new Map<string, number>();
  const dropped: EngineDiagnostic[] = [];
  const kept: EngineDiagnostic[] = [];
  for (const d of diags) {
    const n = (perCode.get(d.code) ?? 0) + 1;
    perCode.set(d.code, n);
    if (n > s.maxPerCode || kept.length >= s.maxPerDocument) dropped.push(d);
    else kept.push(d);
  }
  if (dropped.length === 0) return kept;
  const at = file.lines.range(doc.start, doc.start);
  kept.push(summary(dropped, at, 'in this document', kept[0]?.resource ?? null));
  return kept;
}

/** Data of a summary: the codes it stands for and how many of each, so that a later cap can fold it in. */
const HIDDEN = 'hidden';
/** Data flag of the per-file summary (a per-document one stays with its document). */
const FILE_SCOPE = 'fileScope';

function hiddenCounts(d: EngineDiagnostic): Record<string, number> | undefined {
  const h = d.data?.[HIDDEN];
  return h && typeof h === 'object' ? (h as Record<string, number>) : undefined;
}

/**
 * One diagnostic standing for `hidden`: counts per code (a summary among them adds what it stood for),
 * and the most severe of their severities.
 */
function summary(
  hidden: readonly EngineDiagnostic[],
  range: EngineDiagnostic['range'],
  where: string,
  resource: EngineDiagnostic['resource'],
  fileScope = false,
): EngineDiagnostic {
  const perCode = new Map<string, number>();
  let severity: Severity = Severity.Hint;
  for (const d of hidden) {
    const counts = d.code === TOO_MANY ? hiddenCounts(d) : undefined;
    for (const [code, n] of Object.entries(counts ?? { [d.code]: 1 }))
      perCode.set(code, (perCode.get(code) ?? 0) + n);
    if (d.severity < severity) severity = d.severity; // LSP: Error 1 ... Hint 4
  }
  const total = [...perCode.values()].reduce((a, b) => a + b, 0);
  const detail = [...perCode].map(([code, n]) => `${n} ${code}`).join(', ');
  return {
    range,
    severity,
    code: TOO_MANY,
    message: `${total} more problems ${where} are not shown (${detail}); fix the ones above first.`,
    source: SOURCE,
    resource,
    data: { [HIDDEN]: Object.fromEntries(perCode), ...(fileScope ? { [FILE_SCOPE]: true } : {}) },
  };
}

const TOO_MANY = 'too-many-problems';

/** Past this many in one file (thousands of broken documents) the rest are summarised once. */
export const MAX_PER_FILE = 1000;

/**
 * Keeps the first MAX_PER_FILE diagnostics of a file (in the order given) and summarises the rest once.
 * Run again on a file's merged findings (its own and the workspace analysis'), it folds the earlier
 * per-file summary into the new one, so the bound holds for what is published, not only per source.
 */
export function capFileDiagnostics(diags: EngineDiagnostic[]): EngineDiagnostic[] {
  if (diags.length <= MAX_PER_FILE + 1) return diags;
  const isFileSummary = (d: EngineDiagnostic) => d.code === TOO_MANY && d.data?.[FILE_SCOPE] === true;
  const earlier = diags.filter(isFileSummary);
  const rest = earlier.length ? diags.filter((d) => !isFileSummary(d)) : diags;
  const kept = rest.slice(0, MAX_PER_FILE);
  const hidden = [...rest.slice(MAX_PER_FILE), ...earlier];
  const at = (rest[MAX_PER_FILE] ?? earlier[0]).range;
  kept.push(summary(hidden, at, 'in this file, from here on,', null, true));
  return kept;
}
