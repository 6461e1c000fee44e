// Engine-side edit types (LSP-shaped, so the server passes them through).
import type { Range } from '../model/diagnostic';

export interface TextEdit { range: Range; newText: string }

export interface CodeActionResult {
  title: string;
  kind: 'quickfix' | 'refactor.rewrite' | 'source';
  /** Index into the diagnostics the action fixes (as given to the provider). */
  diagnostics?: number[];
  edits: TextEdit[];
  isPreferred?: boolean;
}
