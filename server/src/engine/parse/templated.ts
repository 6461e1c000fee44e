// Template syntax makes a document's YAML meaningless until rendered, so we don't judge it.
// `{{` inside a quoted or block scalar is just text (an injector ConfigMap's template, a URL in
// args); only `{{` in the YAML structure itself (unquoted values, `{{- if }}` lines) marks a template.
// Jinja's (Ansible's) statements and comments, `{% if %}` and `{# #}`, likewise: in the structure they
// are no YAML at all. ytt (Carvel) writes its template in comments, `#@ data.values.name`, so a value
// reads as null until rendered: a comment starting `#@` in the structure marks its document too.
import { isMap, isPair, isScalar, isSeq, Scalar, type Document } from 'yaml';

const STRING_TYPES = new Set<string>([
  Scalar.QUOTE_DOUBLE,
  Scalar.QUOTE_SINGLE,
  Scalar.BLOCK_LITERAL,
  Scalar.BLOCK_FOLDED,
]);

export function isTemplated(ast: Document.Parsed, text: string, start: number, end: number): boolean {
  const doc = text.slice(start, end); // bounded: indexOf over the whole file per document would be quadratic
  if (!MARKERS.some((m) => doc.includes(m))) return false;
  let strings: [number, number][] | undefined;
  const inString = (at: number) =>
    (strings ??= stringScalarSpans(ast.contents)).some(([s, e]) => at >= s && at < e);
  for (const marker of ['{{', '{%', '{#'])
    for (let rel = doc.indexOf(marker); rel >= 0; rel = doc.indexOf(marker, rel + 2)) {
      const at = start + rel;
      if (!inString(at) && !inComment(text, at)) return true;
    }
  for (let rel = doc.indexOf('#@'); rel >= 0; rel = doc.indexOf('#@', rel + 2)) {
    const at = start + rel;
    if (startsComment(text, at) && !inString(at) && !inComment(text, at)) return true;
  }
  return false;
}

const MARKERS = ['{{', '{%', '{#', '#@'];

/** The `#` at `at` starts a comment: at the line's start or after whitespace. */
function startsComment(text: string, at: number): boolean {
  return at === 0 || /\s/.test(text[at - 1]);
}

function stringScalarSpans(root: unknown): [number, number][] {
  const out: [number, number][] = [];
  const stack: unknown[] = [root];
  while (stack.length) {
    const n = stack.pop();
    if (isScalar(n)) {
      if (n.type && STRING_TYPES.has(n.type) && n.range) out.push([n.range[0], n.range[1]]);
    } else if (isMap(n)) {
      for (const p of n.items) if (isPair(p)) stack.push(p.key, p.value);
    } else if (isSeq(n)) stack.push(...n.items);
  }
  return out;
}

/** A `#` that starts a comment (line start or after whitespace) precedes `at` on its line. */
function inComment(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return /(^|\s)#/.test(text.slice(lineStart, at));
}
