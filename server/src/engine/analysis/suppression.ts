// The three ways to silence an analyzer message: Istio's `galley.istio.io/analyze-suppress`
// annotation on the reported resource, a `# istio-lens-disable-next-line CODE[,CODE]` comment on the
// line above the reported node, and the disabledCodes setting.
import type { ParsedFile } from '../parse/parseFile';
import type { WorkspaceResource } from './analyzer';

export const SUPPRESS_ANNOTATION = 'galley.istio.io/analyze-suppress';

/**
 * Istio's semantics (istioctl analyze): the annotation value is split on ',' and each entry is
 * compared exactly with the code; '*' suppresses every code.
 */
export function suppressedByAnnotation(resource: WorkspaceResource, code: string): boolean {
  const v = resource.annotations[SUPPRESS_ANNOTATION];
  if (!v) return false;
  return v.split(',').some((c) => c === '*' || c === code);
}

const DISABLE_NEXT_LINE = /#\s*istio-lens-disable-next-line\b(.*)$/;

/** A disable comment on `line - 1`; with no codes listed it silences every code. */
export function suppressedByComment(file: ParsedFile, line: number, code: string): boolean {
  if (line <= 0) return false;
  const start = file.lines.lineStart(line - 1);
  const end = file.lines.lineStart(line);
  const m = DISABLE_NEXT_LINE.exec(file.text.slice(start, end).replace(/\r?\n$/, ''));
  if (!m) return false;
  // Codes may be followed by `-- reason`, as in ESLint.
  const listed = m[1]
    .split('--')[0]
    .split(/[\s,]+/)
    .filter(Boolean);
  return listed.length === 0 || listed.some((c) => c.toUpperCase() === code.toUpperCase());
}
