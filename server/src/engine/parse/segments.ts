// Incremental parsing by document. A `---` line always starts a new YAML document (no scalar may
// contain one), so a multi-document file is parsed segment by segment, and a new version reuses the
// documents of every segment whose text did not change: typing in one resource of a 20,000-line
// file re-parses that resource only. Reused documents are moved to their new offsets in place.
import { parseAllDocuments, isAlias, isMap, isPair, isScalar, isSeq, type Document } from 'yaml';

interface Segment { start: number; text: string; asts: Document.Parsed[] }

/** Segments of each parse, kept for the next version of the same document. */
const remembered = new WeakMap<object, Segment[]>();

const MARKER = /^---(?=[ \t\r\n]|$)/gm;
/** Directives and document-end markers change how documents split: those files are parsed whole. */
const UNSAFE = /^(?:%|\.\.\.(?:[ \t\r\n]|$))/m;
const ONLY_COMMENTS = /^(?:\uFEFF)?(?:[ \t]*(?:#[^\n]*)?\r?\n?)*$/;

export function parseDocuments(text: string, options: object, prev?: object): { asts: Document.Parsed[]; segments?: Segment[] } {
  if (UNSAFE.test(text)) return { asts: parseAll(text, options) };
  const starts: number[] = [];
  for (const m of text.matchAll(MARKER)) starts.push(m.index);
  if (!starts.length || starts[0] !== 0) {
    // Text before the first `---` is a document of its own, unless it is only comments: then it
    // belongs to the next document.
    if (!starts.length || !ONLY_COMMENTS.test(text.slice(0, starts[0]))) starts.unshift(0);
    else starts[0] = 0;
  }
  const reusable = new Map<string, Segment[]>();
  for (const s of (prev && remembered.get(prev)) ?? []) {
    const list = reusable.get(s.text);
    if (list) list.push(s); else reusable.set(s.text, [s]);
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
    if (r) { r[0] += delta; r[1] += delta; r[2] += delta; }
  };
  shift(ast as unknown as Ranged);
  for (const e of [...ast.errors, ...ast.warnings]) { e.pos[0] += delta; e.pos[1] += delta; }
  const stack: unknown[] = [ast.contents];
  while (stack.length) {
    const n = stack.pop();
    if (isMap(n) || isSeq(n)) {
      shift(n as Ranged);
      for (const it of n.items as unknown[]) {
        if (isPair(it)) { stack.push(it.key); stack.push(it.value); } else stack.push(it);
      }
    } else if (isScalar(n) || isAlias(n)) shift(n as Ranged);
  }
}
