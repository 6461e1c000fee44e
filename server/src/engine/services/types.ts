// Engine-side result types of the language services (LSP-shaped, so the server passes them through).
import type { Range } from '../model/diagnostic';

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface CodeActionResult {
  title: string;
  kind: 'quickfix' | 'refactor.rewrite' | 'source';
  /** Index into the diagnostics the action fixes (as given to the provider). */
  diagnostics?: number[];
  edits: TextEdit[];
  isPreferred?: boolean;
}

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
