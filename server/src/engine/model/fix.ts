// Code actions as the engine computes them, and the fixer contract: an area that knows why a diagnostic
// is reported (annotations, apiserver...) exports its fixers; services/quickFixes.ts lists them.
import type { EngineDiagnostic } from './diagnostic';
import type { ParsedFile } from '../parse/parseFile';
import type { TextEdit } from '../parse/edits';

export interface CodeActionResult {
  title: string;
  kind: 'quickfix' | 'refactor.rewrite' | 'source';
  /** Index into the diagnostics the action fixes (as given to the provider). */
  diagnostics?: number[];
  edits: TextEdit[];
  isPreferred?: boolean;
}

/** The actions for one diagnostic whose `data.fix` names this fixer. */
export type Fixer = (file: ParsedFile, d: EngineDiagnostic) => Omit<CodeActionResult, 'diagnostics'>[];
