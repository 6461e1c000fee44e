// Output formats of `istio-lens check`: compiler-style text, JSON, SARIF 2.1.0.
import { Severity, severityName, type EngineDiagnostic } from '../engine/model/diagnostic';

export interface FileResult {
  file: string;
  diagnostics: EngineDiagnostic[];
}

/** Hints are the editor's faint notes (where another definition is): JSON and SARIF carry them, text does not. */
export const shownAsText = (d: EngineDiagnostic): boolean => d.severity !== Severity.Hint;

export function formatText(results: readonly FileResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    for (const d of r.diagnostics.filter(shownAsText)) {
      lines.push(
        `${r.file}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${severityName(d.severity)} ${d.code} ${d.message}`,
      );
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

export function formatJson(results: readonly FileResult[]): string {
  const out = results.flatMap((r) =>
    r.diagnostics.map((d) => ({
      file: r.file,
      range: d.range,
      severity: severityName(d.severity),
      code: d.code,
      message: d.message,
      resource: d.resource ?? null,
    })),
  );
  return JSON.stringify(out, null, 2) + '\n';
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

export function formatSarif(results: readonly FileResult[], version: string): string {
  const rules = new Map<string, { id: string; helpUri?: string }>();
  const sarifResults = results.flatMap((r) =>
    r.diagnostics.map((d) => {
      if (!rules.has(d.code))
        rules.set(d.code, { id: d.code, ...(d.codeDescription ? { helpUri: d.codeDescription.href } : {}) });
      return {
        ruleId: d.code,
        level: SARIF_LEVEL[severityName(d.severity)],
        message: { text: d.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: r.file.split('\\').join('/') },
              region: {
                startLine: d.range.start.line + 1,
                startColumn: d.range.start.character + 1,
                endLine: d.range.end.line + 1,
                endColumn: d.range.end.character + 1,
              },
            },
          },
        ],
      };
    }),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'istio-lens',
            version,
            informationUri: 'https://istio.io/latest/docs/reference/config/analysis/',
            rules: [...rules.values()],
          },
        },
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
