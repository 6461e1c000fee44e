// Output formats of `istio-lens check`: compiler-style text, JSON, SARIF 2.1.0.
import { Severity, severityName, type EngineDiagnostic } from '../engine/model/diagnostic';
import type { Range } from '../engine/parse/position';

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

/** A diagnostic's related places (the first occurrence, where the winning definition is, a renamed Service), each in its file. */
function related(d: EngineDiagnostic, file: string): { file: string; range: Range; message: string }[] {
  return (d.relatedInformation ?? []).map((ri) => ({
    file: ri.uri ?? file,
    range: ri.range,
    message: ri.message,
  }));
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
      related: related(d, r.file),
    })),
  );
  return JSON.stringify(out, null, 2) + '\n';
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

export function formatSarif(results: readonly FileResult[], version: string): string {
  const rules = new Map<string, { id: string; helpUri?: string }>();
  const location = (file: string, range: Range) => ({
    physicalLocation: {
      artifactLocation: { uri: file.split('\\').join('/') },
      region: {
        startLine: range.start.line + 1,
        startColumn: range.start.character + 1,
        endLine: range.end.line + 1,
        endColumn: range.end.character + 1,
      },
    },
  });
  const sarifResults = results.flatMap((r) =>
    r.diagnostics.map((d) => {
      const others = related(d, r.file);
      if (!rules.has(d.code))
        rules.set(d.code, { id: d.code, ...(d.codeDescription ? { helpUri: d.codeDescription.href } : {}) });
      return {
        ruleId: d.code,
        level: SARIF_LEVEL[severityName(d.severity)],
        message: { text: d.message },
        locations: [location(r.file, d.range)],
        ...(others.length
          ? {
              relatedLocations: others.map((o, id) => ({
                id,
                ...location(o.file, o.range),
                message: { text: o.message },
              })),
            }
          : {}),
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
