// Engine results → LSP types. The engine's shapes already match LSP; this adds the URIs.
import type { Diagnostic, DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { EngineDiagnostic } from '../engine/model/diagnostic';

export function toLspDiagnostic(uri: string, d: EngineDiagnostic): Diagnostic {
  const related: DiagnosticRelatedInformation[] | undefined = d.relatedInformation?.map((r) => ({
    location: { uri: r.uri ?? uri, range: r.range },
    message: r.message,
  }));
  return {
    range: d.range,
    severity: d.severity,
    code: d.code,
    source: d.source,
    message: d.message,
    ...(d.codeDescription ? { codeDescription: d.codeDescription } : {}),
    ...(related ? { relatedInformation: related } : {}),
    ...(d.tags ? { tags: d.tags } : {}),
    // Fixes are recomputed from these on code-action requests.
    data: d.data ?? null,
  };
}

/** An LSP diagnostic back to the engine's shape (for quick fixes). */
export function fromLspDiagnostic(d: Diagnostic): EngineDiagnostic {
  return {
    range: d.range,
    severity: d.severity ?? 1,
    code: String(d.code ?? ''),
    message: typeof d.message === 'string' ? d.message : d.message.value,
    source: 'istio-lens',
    data: (d.data ?? undefined) as EngineDiagnostic['data'],
  };
}
