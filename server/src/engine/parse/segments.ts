// Incremental parsing by document. A `---` line always starts a new YAML document (no scalar may
// contain one), so a multi-document file is parsed segment by segment, and a new version reuses the
// documents of every segment whose text did not change: typing in one resource of a 20,000-line
// file re-parses that resource only. Reused documents are moved to their new offsets in place.
import { Composer, Parser, type Document } from 'yaml';

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

/**
 * The parser's options, and the same with their schema built once (sharedSchema): valid for text
 * without directives, where every document takes the options' YAML version (a `%YAML` directive may
 * change it per document).
 */
export function parseDocuments(
  text: string,
  { options, sharedSchema }: { options: object; sharedSchema: object },
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
  const reuse = new Reusable((prev && remembered.get(prev)) ?? [], text.length);
  const segments: Segment[] = [];
  const asts: Document.Parsed[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i];
    const segText = text.slice(start, i + 1 < starts.length ? starts[i + 1] : text.length);
    const old = reuse.take(segText, start);
    let seg: Segment;
    if (old) {
      for (const ast of old.asts) shiftDocument(ast, start - old.start);
      seg = { start, text: segText, asts: old.asts };
    } else {
      seg = { start, text: segText, asts: parseAll(segText, sharedSchema, start) };
    }
    // An unclosed quote or flow collection runs on over the next `---` in a whole-file parse:
    // then the split is wrong, and the file is parsed whole.
    if (seg.asts.some((a) => a.errors.some((e) => CROSSES.has(e.code))))
      return { asts: parseAll(text, sharedSchema) };
    segments.push(seg);
    asts.push(...seg.asts);
  }
  return { asts, segments };
}

/**
 * The previous version's segments, found for a segment of the new text. An edit leaves the segments
 * before it at the same offset and those after it at the same distance from the end: found by
 * position, they cost one comparison each. Others (moved documents) are found by text, once more than
 * a few are missed (hashing every segment's text on each keystroke cost more than the re-parse).
 */
class Reusable {
  private readonly byStart = new Map<number, Segment>();
  private readonly byEnd = new Map<number, Segment>();
  private readonly used = new Set<Segment>();
  private byText: Map<string, Segment[]> | undefined;
  private misses = 0;

  constructor(
    private readonly old: readonly Segment[],
    private readonly length: number,
  ) {
    const oldLength = old.length ? old[old.length - 1].start + old[old.length - 1].text.length : 0;
    for (const s of old) {
      this.byStart.set(s.start, s);
      this.byEnd.set(oldLength - s.start, s);
    }
  }

  take(text: string, start: number): Segment | undefined {
    for (const s of [this.byStart.get(start), this.byEnd.get(this.length - start)])
      if (s && !this.used.has(s) && s.text === text) return this.use(s);
    if (++this.misses <= 8) return undefined;
    if (!this.byText) {
      this.byText = new Map();
      for (const s of this.old) {
        const list = this.byText.get(s.text);
        if (list) list.push(s);
        else this.byText.set(s.text, [s]);
      }
    }
    const list = this.byText.get(text);
    while (list?.length) {
      const s = list.shift()!;
      if (!this.used.has(s)) return this.use(s);
    }
    return undefined;
  }

  private use(s: Segment): Segment {
    this.used.add(s);
    return s;
  }
}

export function rememberSegments(file: object, segments: Segment[] | undefined): void {
  if (segments) remembered.set(file, segments);
}

/**
 * `parseAllDocuments(text, options)` (without a line counter or pretty errors, which we never ask
 * for), its offsets counted from `offset`: a segment's documents are born at their place in the file.
 */
function parseAll(text: string, options: object, offset = 0): Document.Parsed[] {
  const parser = new Parser();
  parser.offset = offset;
  return Array.from<Document.Parsed>(new Composer(options).compose(parser.parse(text)));
}

type Ranged = { range?: [number, number, number] | null };

/** Every node range of a document, collected on its first move: typing moves the same documents again and again. */
const rangesOf = new WeakMap<Document.Parsed, [number, number, number][]>();

/** Adds `delta` to every offset of a document: its range, its nodes' ranges, its errors' positions. */
function shiftDocument(ast: Document.Parsed, delta: number): void {
  if (delta === 0) return;
  let ranges = rangesOf.get(ast);
  if (!ranges) rangesOf.set(ast, (ranges = collectRanges(ast)));
  for (const r of ranges) {
    r[0] += delta;
    r[1] += delta;
    r[2] += delta;
  }
  for (const e of ast.errors) shiftPos(e.pos, delta);
  for (const e of ast.warnings) shiftPos(e.pos, delta);
}

/** The document's range and its nodes': a collection has `items`, a pair `key` and `value`, a scalar or alias a `range`. */
function collectRanges(ast: Document.Parsed): [number, number, number][] {
  const out: [number, number, number][] = [];
  if (ast.range) out.push(ast.range);
  const stack: unknown[] = [ast.contents];
  while (stack.length) {
    const n = stack.pop() as (Ranged & { items?: unknown[] }) | null | undefined;
    if (!n || typeof n !== 'object') continue;
    if (n.range) out.push(n.range);
    const items = n.items;
    if (!Array.isArray(items)) continue;
    for (const it of items) {
      if (it && typeof it === 'object' && 'key' in it) {
        const pair = it as { key: unknown; value: unknown };
        stack.push(pair.key, pair.value);
      } else stack.push(it);
    }
  }
  return out;
}

function shiftPos(pos: [number, number], delta: number): void {
  pos[0] += delta;
  pos[1] += delta;
}
