// Incremental parsing by document. A `---` line always starts a new YAML document (no scalar may
// contain one), so a multi-document file is parsed segment by segment, and a new version reuses the
// documents of every segment whose text did not change: typing in one resource of a 20,000-line
// file re-parses that resource only. Reused documents are moved to their new offsets in place.
import { parseAllDocuments, isAlias, isMap, isPair, isScalar, isSeq, type Document } from 'yaml';

interface Segment {
  start: number;
  text: string;
  asts: Document.Parsed[];
}

/** Segments of each parse, kept for the next version of the same document. */
const remembered = new WeakMap<object, Segment[]>();

/** `---` at a line start (after \n, \r\n or a lone \r, as YAML and LSP both break lines; never after U+2028). */
const MARKER = /(?:^|\r\n|\n|\r)---(?=[ \t\r\n]|$)/g;
/** Directives and document-end markers change how documents split: those files are parsed whole. */
const UNSAFE = /^(?:%|\.\.\.(?:[ \t\r\n]|$))/m;
/** Errors of constructs that may have run past the end of their segment. */
const CROSSES = new Set([
  'MISSING_CHAR',
  'UNEXPECTED_TOKEN',
  'IMPOSSIBLE',
  'BAD_SCALAR_START',
  'BLOCK_IN_FLOW',
]);

/** Blank lines and comments only (a line-by-line check: a regex here would backtrack badly). */
function onlyComments(text: string): boolean {
  for (const line of text.replace(/^\uFEFF/, '').split('\n')) {
    const t = line.trim();
    if (t !== '' && !t.startsWith('#')) return false;
  }
  return true;
}

export function parseDocuments(
  text: string,
  options: object,
  prev?: object,
): { asts: Document.Parsed[]; segments?: Segment[] } {
  if (UNSAFE.test(text)) return { asts: parseAll(text, options) };
  const starts: number[] = [];
  for (const m of text.matchAll(MARKER)) starts.push(m.index + m[0].length - 3);
  if (!starts.length || starts[0] !== 0) {
    // Text before the first `---` is a document of its own, unless it is only comments: then it
    // belongs to the next document.
    if (!starts.length || !onlyComments(text.slice(0, starts[0]))) starts.unshift(0);
    else starts[0] = 0;
  }
  const reusable = new Map<string, Segment[]>();
  for (const s of (prev && remembered.get(prev)) ?? []) {
    const list = reusable.get(s.text);
    if (list) list.push(s);
    else reusable.set(s.text, [s]);
  }
  const segments: Segment[] = [];
  const asts: Document.Parsed[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i];
    const segText = text.slice(start, i + 1 < starts.length ? starts[i + 1] : text.length);
    const old = reusable.get(segText)?.shift();
    let seg: Segment;
    if (old) {
      for (const ast of old.asts) shiftDocument(ast, start - old.start);
      seg = { start, text: segText, asts: old.asts };
    } else {
      const parsed = parseAll(segText, options);
      for (const ast of parsed) shiftDocument(ast, start);
      seg = { start, text: segText, asts: parsed };
    }
    // An unclosed quote or flow collection runs on over the next `---` in a whole-file parse:
    // then the split is wrong, and the file is parsed whole.
    if (seg.asts.some((a) => a.errors.some((e) => CROSSES.has(e.code))))
      return { asts: parseAll(text, options) };
    segments.push(seg);
    asts.push(...seg.asts);
  }
  return { asts, segments };
}

export function rememberSegments(file: object, segments: Segment[] | undefined): void {
  if (segments) remembered.set(file, segments);
}

function parseAll(text: string, options: object): Document.Parsed[] {
  const parsed = parseAllDocuments(text, options);
  return Array.isArray(parsed) ? parsed : [];
}

type Ranged = { range?: [number, number, number] | null };

/** Adds `delta` to every offset of a document: its range, its nodes' ranges, its errors' positions. */
function shiftDocument(ast: Document.Parsed, delta: number): void {
  if (delta === 0) return;
  const shift = (n: Ranged): void => {
    const r = n.range;
    if (r) {
      r[0] += delta;
      r[1] += delta;
      r[2] += delta;
    }
  };
  shift(ast);
  for (const e of [...ast.errors, ...ast.warnings]) {
    e.pos[0] += delta;
    e.pos[1] += delta;
  }
  const stack: unknown[] = [ast.contents];
  while (stack.length) {
    const n = stack.pop();
    if (isMap(n) || isSeq(n)) {
      shift(n);
      for (const it of n.items as unknown[]) {
        if (isPair(it)) {
          stack.push(it.key);
          stack.push(it.value);
        } else stack.push(it);
      }
    } else if (isScalar(n) || isAlias(n)) shift(n);
  }
}
