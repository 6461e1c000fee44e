// YAML syntax errors (tabs, bad indentation, unclosed flow collections...) at the parser's position,
// and what Kubernetes' own YAML parser (go-yaml) refuses beyond the spec (parse/goyaml.ts).
// A value starting with a `%VAR%` template placeholder (`host: %HOST%`) is no YAML as written, but the
// file is a template substituted before apply (util/placeholder.ts): its error is information, with the
// placeholder note, as a validator's finding on a `${VAR}` value is; the parse keeps the text as a string,
// so the rest of the document is checked. Other errors of the file, and a `%` that is no such marker
// (`%host`, `%2F%`), stay errors. So is a line holding only an envsubst placeholder (`  ${ADDRESSES_YAML}`),
// which the substitution replaces by YAML lines (parse/parseFile.ts withLinesAsComments). A shell
// here-document saved as YAML (`cat <<EOF | kubectl apply -f -` ... `EOF`, parse/hereDocument.ts) is one
// error, on its opening line, and the YAML between its lines is checked.
import { Severity } from '../model/diagnostic';
import type { Report, Rule } from '../model/rule';
import { goYamlProblems } from '../parse/goyaml';
import { isHereDocumentLine, isPlaceholderSyntax } from '../parse/parseFile';
import { PLACEHOLDER_NOTE, percentPlaceholderAt } from '../util/placeholder';
import { isMap, isSeq, isScalar, type Document } from 'yaml';

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
    // The parser often says two things about one broken spot ("Nested mappings are not allowed in
    // compact mappings", then "Implicit keys need to be on a single line"): one mistake, reported once,
    // by its first message. go-yaml, which kubectl uses, stops at the first error of a document.
    let lastLine = -2; // lastIndexOf gives -1 on the first line
    for (const e of ast.errors) {
      const span = locate(e.pos, e.code, e.message, ctx.file.text);
      const line = ctx.file.text.lastIndexOf('\n', span[0] - 1);
      if (line === lastLine) continue;
      lastLine = line;
      // A merge left unresolved: one finding, on the conflict's opening marker, says what the YAML is.
      const marker = conflictMarker(ctx.file.text, line + 1);
      if (marker && marker.kind !== '<') continue;
      ctx.report({
        ...(marker ? { span: marker.span } : { span }),
        message: marker ? mergeConflictMessage(marker.text) : describe(e.code, e.message),
        data: { yamlCode: marker ? MERGE_CONFLICT : e.code },
      });
    }
    // Text the YAML spec allows but Kubernetes' parser (go-yaml) refuses: kubectl would fail on it.
    for (const g of goYamlProblems(ast, ctx.file.text))
      ctx.report({ span: g.span, message: g.message, data: { yamlCode: 'GO_YAML' } });
    // kubectl reads each document as one object: a list of objects at the top is refused (the
    // decoder wants a mapping); they belong in separate documents or under a `kind: List`'s items.
    const listed = listedObjects(ast);
    if (listed > 0 && isSeq(ast.contents))
      ctx.report({
        node: ast.contents.items[0],
        message: `This document is a list of ${listed === 1 ? 'one Kubernetes object' : `${listed} Kubernetes objects`}; kubectl reads each document as one object and rejects a list: separate the objects with \`---\`, or put them under \`items:\` of a \`kind: List\``,
        data: { yamlCode: 'TOP_LEVEL_LIST' },
      });
    for (const w of ast.warnings) {
      if (isHereDocumentLine(w)) {
        ctx.report({ span: [w.pos[0], w.pos[1]], message: w.message, data: { yamlCode: HERE_DOCUMENT } });
        continue;
      }
      if (isPlaceholderSyntax(w)) {
        ctx.report({
          span: placeholderSpan(w, ctx.file.text),
          message: describe(w.code, w.message) + PLACEHOLDER_NOTE,
          severity: Severity.Information,
          data: { yamlCode: w.code },
        });
        continue;
      }
      ctx.report({
        span: locate(w.pos, w.code, w.message, ctx.file.text),
        message: describe(w.code, w.message),
        severity: Severity.Warning,
        data: { yamlCode: w.code },
      });
    }
  },
};

/** A `%VAR%` marker's own length; a placeholder line's span is the warning's. */
function placeholderSpan(w: { pos: [number, number] }, text: string): [number, number] {
  const percent = percentPlaceholderAt(text, w.pos[0]);
  return [w.pos[0], percent ? w.pos[0] + percent : w.pos[1]];
}

/** The parser's own message, first line only, without its "at line X, column Y" suffix. */
function describe(code: string, message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  if (code === 'TAB_AS_INDENT') return 'Tabs are not allowed as indentation in YAML; indent with spaces';
  return first;
}

/**
 * Moves the parser's position onto the offending token. The parser reports an unclosed flow
 * collection or quote where the text ends; the user needs the opening bracket or quote. It reports
 * bad indentation at a line start; the user needs the first visible character of that line.
 */
function locate(pos: [number, number], code: string, message: string, text: string): [number, number] {
  let start = Math.min(pos[0], text.length);
  const flow = /^Flow (sequence|map)/.exec(message);
  if (flow) {
    const opener = unmatchedOpener(text, start, flow[1] === 'map' ? '{' : '[', flow[1] === 'map' ? '}' : ']');
    if (opener >= 0) return [opener, opener + 1];
  }
  const quote = /^Missing closing (["'])quote/.exec(message);
  if (code === 'MISSING_CHAR' && quote) {
    const at = text.lastIndexOf(quote[1], start - 1);
    if (at >= 0) return [at, at + 1];
  }
  while (start < text.length && text[start] === ' ') start++;
  let end = Math.min(Math.max(pos[1], start), text.length);
  if (end <= start) {
    end = start;
    while (end < text.length && !/[\s:]/.test(text[end])) end++;
    if (end === start && end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  }
  return [start, end];
}

/** The nearest `open` before `from` that no later `close` balances (quotes ignored: good enough to point at). */
function unmatchedOpener(text: string, from: number, open: string, close: string): number {
  let depth = 0;
  for (let i = Math.min(from, text.length) - 1; i >= 0; i--) {
    const c = text[i];
    if (c === close) depth++;
    else if (c === open) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** The number of items of a top-level sequence that are objects (string `apiVersion` and `kind`); 0 when any is not. */
export function listedObjects(ast: Document.Parsed): number {
  const root = ast.contents;
  if (!isSeq(root) || root.items.length === 0) return 0;
  for (const item of root.items) {
    if (!isMap(item)) return 0;
    const str = (k: string) => {
      const v = item.get(k, true);
      return isScalar(v) && typeof v.value === 'string' && v.value !== '';
    };
    if (!str('apiVersion') || !str('kind')) return 0;
  }
  return root.items.length;
}

/**
 * The unresolved merges of a template's text (a Helm chart's `templates/`), which is not parsed as YAML
 * until rendered: an opening marker followed by the separator and the closing marker, each starting a
 * line, is one whatever the template renders; the renderer copies the markers into the YAML, and
 * `helm template` or the apply fails on them. Reported on the opening marker, as for a plain file.
 */
export function templateMergeConflicts(text: string, start: number, end: number): Report[] {
  const out: Report[] = [];
  let open: { text: string; span: [number, number] } | undefined;
  let separated = false;
  for (let at = start; at < end;) {
    const next = text.indexOf('\n', at);
    const marker = conflictMarker(text, at);
    if (marker?.kind === '<') [open, separated] = [marker, false];
    else if (marker?.kind === '=' && open) separated = true;
    else if (marker?.kind === '>' && open && separated) {
      out.push({
        span: open.span,
        message: mergeConflictMessage(open.text),
        data: { yamlCode: MERGE_CONFLICT },
      });
      open = undefined;
    }
    if (next < 0) break;
    at = next + 1;
  }
  return out;
}

const MERGE_CONFLICT = 'MERGE_CONFLICT';
const HERE_DOCUMENT = 'HERE_DOCUMENT';
const mergeConflictMessage = (marker: string): string =>
  `Unresolved merge conflict (${JSON.stringify(marker)}): keep one side and delete the conflict markers`;

/** A version-control conflict marker (`<<<<<<< HEAD`, `=======`, `>>>>>>> branch`, `||||||| base`) starting the line at `start`. */
function conflictMarker(
  text: string,
  start: number,
): { kind: string; text: string; span: [number, number] } | undefined {
  const m = /^(<{7}|={7}|>{7}|\|{7})(?: [^\n]*)?(?=\r?\n|$)/.exec(text.slice(start, start + 200));
  if (!m) return undefined;
  const line = m[0].trimEnd();
  return { kind: m[1][0], text: line, span: [start, start + line.length] };
}
