// Runaway repetition (a mapping that repeats its keys dozens of times) must not flood the Problems
// panel: keep the first N of each code per document and say, once, how many were left out.
import { Severity, SOURCE, type EngineDiagnostic } from './model/diagnostic';
import type { EngineSettings } from './model/env';
import type { ParsedDoc, ParsedFile } from './parse/parseFile';

export function capDiagnostics(file: ParsedFile, doc: ParsedDoc, diags: EngineDiagnostic[], s: EngineSettings): EngineDiagnostic[] {
  if (diags.length <= s.maxPerCode) return diags;
  const perCode = new Map<string, number>();
  const dropped = new Map<string, number>();
  const kept: EngineDiagnostic[] = [];
  for (const d of diags) {
    const n = (perCode.get(d.code) ?? 0) + 1;
    perCode.set(d.code, n);
    if (n > s.maxPerCode || kept.length >= s.maxPerDocument) dropped.set(d.code, (dropped.get(d.code) ?? 0) + 1);
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
