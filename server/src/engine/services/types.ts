// Engine-side result types of the language services (LSP-shaped, so the server passes them through).
import type { Range } from '../model/diagnostic';

export type { TextEdit } from '../parse/edits';

export type { CodeActionResult } from '../model/fix';

/** A completion proposal, from any service (schema keys and values, Istio annotations and labels). */
export interface CompletionEntry {
  label: string;
  kind: 'property' | 'value';
  detail: string;
  /** Markdown. */
  documentation: string;
  /** Replaces `range` (the partial word under the cursor). */
  insertText: string;
  range: Range;
  sortText: string;
  deprecated: boolean;
}

/** Hover content (markdown) for a range. */
export interface HoverResult {
  contents: string;
  range: Range;
}
