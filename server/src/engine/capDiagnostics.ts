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

/** One diagnostic standing for `hidden`: counts per code, and the most severe of their severities. */
function summary(
  hidden: readonly EngineDiagnostic[],
  range: EngineDiagnostic['range'],
  where: string,
  resource: EngineDiagnostic['resource'],
): EngineDiagnostic {
  const perCode = new Map<string, number>();
  let severity: Severity = Severity.Hint;
  for (const d of hidden) {
    perCode.set(d.code, (perCode.get(d.code) ?? 0) + 1);
    if (d.severity < severity) severity = d.severity; // LSP: Error 1 ... Hint 4
  }
  const detail = [...perCode].map(([code, n]) => `${n} ${code}`).join(', ');
  return {
    range,
    severity,
    code: 'too-many-problems',
    message: `${hidden.length} more problems ${where} are not shown (${detail}); fix the ones above first.`,
    source: SOURCE,
    resource,
  };
}

/** Past this many in one file (thousands of broken documents) the rest are summarised once. */
export const MAX_PER_FILE = 1000;

export function capFileDiagnostics(file: ParsedFile, diags: EngineDiagnostic[]): EngineDiagnostic[] {
  if (diags.length <= MAX_PER_FILE + 1) return diags;
  const kept = diags.slice(0, MAX_PER_FILE);
  kept.push(
    summary(diags.slice(MAX_PER_FILE), diags[MAX_PER_FILE].range, 'in this file, from here on,', null),
  );
  return kept;
}
