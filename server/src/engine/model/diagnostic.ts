// Engine diagnostics. Shaped like LSP's Diagnostic (0-based, UTF-16 positions) so the server can
// publish them unchanged, but defined here so the engine never imports vscode-languageserver.

import type { Range } from '../parse/position';
export type { Position, Range } from '../parse/position';

/** LSP severities: 1 error, 2 warning, 3 information, 4 hint. */
export const enum Severity {
  Error = 1,
  Warning = 2,
  Information = 3,
  Hint = 4,
}

export interface RelatedInformation {
  /** Document URI; the front end fills in the current document when absent. */
  uri?: string;
  range: Range;
  message: string;
}

/** Machine-readable data for quick fixes, carried in Diagnostic.data. */
export interface FixData {
  /** A replacement for the diagnostic's own range (e.g. a did-you-mean suggestion). */
  replacements?: string[];
  /** Free-form hints a fix provider understands (e.g. { kind: 'quote' }). */
  [key: string]: unknown;
}

export interface EngineDiagnostic {
  range: Range;
  severity: Severity;
  code: string;
  message: string;
  source: 'istio-lens';
  codeDescription?: { href: string };
  relatedInformation?: RelatedInformation[];
  tags?: (1 | 2)[];
  data?: FixData;
  /** The resource the diagnostic is about, namespace as written (null when absent). */
  resource?: ResourceRef | null;
}

export interface ResourceRef {
  kind: string;
  namespace: string | null;
  name: string;
}

export const SOURCE = 'istio-lens' as const;

export function severityName(s: Severity): 'error' | 'warning' | 'info' | 'hint' {
  return s === Severity.Error
    ? 'error'
    : s === Severity.Warning
      ? 'warning'
      : s === Severity.Information
        ? 'info'
        : 'hint';
}
