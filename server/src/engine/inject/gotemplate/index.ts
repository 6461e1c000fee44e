// A TypeScript implementation of Go's text/template (lexer, parser, evaluator) with sprig's
// functions. Templates are compiled once and cached by source text.
import { builtins } from './builtins';
import { execute, type FuncMap } from './exec';
import { parseTemplate, type ParsedTemplate } from './parser';
import { sprig } from './sprig';

export { TemplateExecError, type FuncMap, type TemplateFunc } from './exec';
export { TemplateSyntaxError } from './lexer';
export { asStringMap, asStruct, getField, printValue, truth } from './values';
export { goJson, goYaml, mergeOverwrite, deepCopy, strval } from './sprig';

export class GoTemplate {
  private readonly funcs: FuncMap;
  constructor(
    readonly name: string,
    private readonly parsed: ParsedTemplate,
    extra: FuncMap = {},
  ) {
    // Later maps win, as Go's Funcs(sprig).Funcs(istio) does; builtins cannot be overridden.
    // Helm's include: runs a {{define}}d template and returns its text.
    this.funcs = { ...sprig, include: (n, d) => this.execute(d, String(n)), ...extra, ...builtins };
  }
  execute(data: unknown, entry?: string): string {
    return execute(this.parsed, this.funcs, data, this.name, entry);
  }
}

const cache = new Map<string, ParsedTemplate>();
const CACHE_LIMIT = 64;

/** Parses (or reuses) a template. Throws TemplateSyntaxError on bad syntax. */
export function compileTemplate(name: string, src: string, funcs: FuncMap = {}): GoTemplate {
  let parsed = cache.get(src);
  if (!parsed) {
    parsed = parseTemplate(src, name);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(src, parsed);
  }
  return new GoTemplate(name, parsed, funcs);
}
