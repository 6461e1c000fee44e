// Which codes a run reports: `--only` (codes or analyzer names; IST codes upper-cased) and the codes
// switched off, upper-cased (runAnalyzers.ts reportFilter builds it). Here, below the passes that
// report workspace-wide findings beside the analyzers (alternatives.ts, nodePortConflicts.ts), so
// that each asks the one question the same way.
export interface ReportFilter {
  only: ReadonlySet<string> | null;
  disabled: ReadonlySet<string>;
}

/** Whether a finding of `code` (not an analyzer's: no analyzer name selects it) is reported. */
export function reportsCode(filter: ReportFilter, code: string): boolean {
  return filter.only ? filter.only.has(code) : !filter.disabled.has(code.toUpperCase());
}
