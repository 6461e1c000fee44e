// YAML syntax errors (tabs, bad indentation, unclosed flow collections...) at the parser's position.
import { Severity } from '../model/diagnostic';
import type { Rule } from '../model/rule';

export const yamlSyntax: Rule = {
  meta: {
    id: 'yaml-syntax',
    description: 'The document is not well-formed YAML.',
    severity: Severity.Error,
    fixable: false,
    appliesTo: 'yaml',
    docsUrl: 'https://yaml.org/spec/1.2.2/',
  },
  check(ctx) {
    const { ast } = ctx.doc;
    for (const e of ast.errors) {
      ctx.report({ span: widen(e.pos, ctx.file.text), message: describe(e.code, e.message), data: { yamlCode: e.code } });
    }
    for (const w of ast.warnings) {
      ctx.report({ span: widen(w.pos, ctx.file.text), message: describe(w.code, w.message), severity: Severity.Warning, data: { yamlCode: w.code } });
    }
  },
};

/** The parser's own message, first line only, without its "at line X, column Y" suffix. */
function describe(code: string, message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'TAB_AS_INDENT') return 'Tabs are not allowed as indentation in YAML; indent with spaces';
  return first;
}

/**
 * The parser often reports at the start of an indented line; move to its first visible character.
 * A zero-width error still gets one visible character, unless it sits at a line end.
 */
function widen(pos: [number, number], text: string): [number, number] {
  let start = Math.min(pos[0], text.length);
  while (start < pos[1] && (text[start] === ' ' || text[start] === '\t')) start++;
  const end = Math.min(Math.max(pos[1], start), text.length);
  if (end > start) return [start, end];
  const c = text.charCodeAt(start);
  return c === 10 || c === 13 || Number.isNaN(c) ? [start, start] : [start, start + 1];
}
