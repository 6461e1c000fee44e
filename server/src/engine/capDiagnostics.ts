// Runaway repetition (a mapping that repeats its keys dozens of times) must not flood the Problems
// panel: keep the first N of each code per document and say, once, how many were left out.
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
  const dropped = new Map<string, number>();
  const kept: EngineDiagnostic[] = [];
  for (const d of diags) {
    const n = (perCode.get(d.code) ?? 0) + 1;
    perCode.set(d.code, n);
    if (n > s.maxPerCode || kept.length >= s.maxPerDocument)
      dropped.set(d.code, (dropped.get(d.code) ?? 0) + 1);
    else kept.push(d);
  }
  if (dropped.size === 0) return kept;
  const total = [...dropped.values()].reduce((a, b) => a + b, 0);
  const detail = [...dropped].map(([code, n]) => `${n} ${code}`).join(', ');
  const at = file.lines.range(doc.start, doc.start);
  kept.push({
    range: { start: at.start, end: { line: at.start.line, character: at.start.character } },
    severity: Severity.Warning,
    code: 'too-many-problems',
    message: `${total} more problems in this document are not shown (${detail}); fix the ones above first.`,
    source: SOURCE,
    resource: kept[0]?.resource ?? null,
  });
  return kept;
}

/** Past this many in one file (thousands of broken documents) the rest are summarised once. */
export const MAX_PER_FILE = 1000;

export function capFileDiagnostics(file: ParsedFile, diags: EngineDiagnostic[]): EngineDiagnostic[] {
  if (diags.length <= MAX_PER_FILE + 1) return diags;
  const kept = diags.slice(0, MAX_PER_FILE);
  const dropped = new Map<string, number>();
  for (const d of diags.slice(MAX_PER_FILE)) dropped.set(d.code, (dropped.get(d.code) ?? 0) + 1);
  const total = diags.length - MAX_PER_FILE;
  const detail = [...dropped].map(([code, n]) => `${n} ${code}`).join(', ');
  kept.push({
    range: diags[MAX_PER_FILE].range,
    severity: Severity.Warning,
    code: 'too-many-problems',
    message: `${total} more problems in this file, from here on, are not shown (${detail}); fix the ones above first.`,
    source: SOURCE,
    resource: null,
  });
  return kept;
}
