// Where a cursor is, in schema terms: which document, which mapping (by path), key or value, and
// the word being typed. Works on the one parse (ParsedFile), tolerating the half-typed lines that
// completion sees; indentation decides which mapping an empty or partial line belongs to.
import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { ParsedDoc, ParsedFile } from '../parse/parseFile';
import { keyString, type PathSegment } from '../parse/nodes';
import { T, type SchemaNode } from './compile';
import type { SchemaRegistry } from './registry';
import { resolveKind } from './resolveKind';

const MAX_COLLECTIONS = 50_000;

interface Coll {
  node: YAMLMap | YAMLSeq;
  path: PathSegment[];
  start: number;
  end: number;
}

export interface CursorContext {
  doc: ParsedDoc;
  mode: 'key' | 'value';
  /** Key mode: path of the mapping the key goes into. Value mode: path of the value (ends with its key). */
  path: PathSegment[];
  /** Key mode: keys already in that mapping. */
  present: Set<string>;
  /** The word under/before the cursor, and its span (what a completion replaces). */
  prefix: string;
  span: [number, number];
  /** Column of the key being typed (key mode), for indenting inserted text. */
  column: number;
}

export function docAt(file: ParsedFile, offset: number): ParsedDoc | undefined {
  return file.docs.find((d) => offset >= d.start && offset <= d.end) ?? file.docs[file.docs.length - 1];
}

/** Every map and sequence of a document with its path; iterative, bounded. */
export function collections(doc: ParsedDoc): Coll[] {
  const out: Coll[] = [];
  const stack: { node: unknown; path: PathSegment[] }[] = [{ node: doc.ast.contents, path: [] }];
  while (stack.length && out.length < MAX_COLLECTIONS) {
    const { node, path } = stack.pop()!;
    if (isMap(node)) {
      out.push({ node, path, start: node.range?.[0] ?? 0, end: node.range?.[1] ?? 0 });
      for (const p of node.items)
        if (isPair(p)) {
          const k = keyString(p);
          if (k !== undefined) stack.push({ node: p.value, path: [...path, k] });
        }
    } else if (isSeq(node)) {
      out.push({ node, path, start: node.range?.[0] ?? 0, end: node.range?.[1] ?? 0 });
      node.items.forEach((it, i) => stack.push({ node: it, path: [...path, i] }));
    }
  }
  return out;
}

/** The schema of the value at `path` under a root schema. */
export function schemaAt(root: SchemaNode | undefined, path: readonly PathSegment[]): SchemaNode | undefined {
  let s = root;
  for (const seg of path) {
    if (!s) return undefined;
    s = typeof seg === 'number' ? (s.types & T.Array ? s.items() : undefined) : s.child(seg);
  }
  return s;
}

/** The root schema of a document (undefined for unknown kinds and non-resources). */
export function rootSchema(doc: ParsedDoc, reg: SchemaRegistry): SchemaNode | undefined {
  if (!doc.resource) return undefined;
  const { entry } = resolveKind(reg, doc.resource);
  return entry && reg.schemaOf(entry);
}

export function cursorContext(file: ParsedFile, offset: number): CursorContext | undefined {
  const doc = docAt(file, offset);
  if (!doc) return undefined;
  const { text, lines } = file;
  const pos = lines.positionAt(offset);
  const lineStart = lines.lineStart(pos.line);
  const before = text.slice(lineStart, offset);
  if (before.length > 4096) return undefined;
  const wordEnd = offset + (/^[\w./-]*/.exec(text.slice(offset, offset + 256))?.[0].length ?? 0);

  // Value: `key: partial`
  const kv = /^(\s*(?:-\s+)*)([^\s:#'"][^:#]*?):\s+(["']?)([^"'#]*)$/.exec(before);
  if (kv) {
    const keyCol = kv[1].length;
    const key = kv[2];
    const container = containerAt(doc, file, offset, keyCol, kv[1]);
    if (!container) return undefined;
    const prefix = kv[4];
    return {
      doc,
      mode: 'value',
      path: [...container.path, key],
      present: new Set(),
      prefix,
      span: [offset - prefix.length, wordEnd],
      column: keyCol,
    };
  }
  // Key: `  partial` or `  - partial`
  const k = /^(\s*(?:-\s+)*)([\w./-]*)$/.exec(before);
  if (!k) return undefined;
  const keyCol = k[1].length;
  const container = containerAt(doc, file, offset, keyCol, k[1]);
  if (!container) return undefined;
  const prefix = k[2];
  const present = new Set<string>();
  if (container.map) {
    for (const p of container.map.items) {
      if (!isPair(p)) continue;
      const key = keyString(p);
      const span = (p.key as Node | null)?.range;
      if (key !== undefined && !(span && span[0] <= offset && offset <= span[1])) present.add(key);
    }
  }
  return {
    doc,
    mode: 'key',
    path: container.path,
    present,
    prefix,
    span: [offset - prefix.length, wordEnd],
    column: keyCol,
  };
}

/**
 * The mapping a key at column `col` on the cursor's line belongs to: the latest mapping whose keys
 * sit at that column and that no shallower line has closed since; else a new mapping under the
 * nearest key above (`destination:` with nothing yet) or a new list item (`- `).
 */
function containerAt(
  doc: ParsedDoc,
  file: ParsedFile,
  offset: number,
  col: number,
  lead: string,
): { path: PathSegment[]; map?: YAMLMap } | undefined {
  const { lines, text } = file;
  const curLine = lines.positionAt(offset).line;
  const lineStart = lines.lineStart(curLine);
  const colls = collections(doc);
  const dash = lead.lastIndexOf('-');
  if (dash >= 0) {
    // A list item being written: find the sequence whose dashes sit at that column.
    const dashCol = dash;
    let best: Coll | undefined;
    for (const c of colls) {
      if (!isSeq(c.node) || c.start > lineStart + dashCol) continue;
      if (lines.positionAt(c.start).character !== dashCol) continue;
      if (!best || c.start > best.start) best = c;
    }
    if (best) {
      const seq = best.node as YAMLSeq;
      const idx = seq.items.findIndex((it) => {
        const r = (it as Node | null)?.range;
        return !!r && r[0] <= offset && offset <= r[2];
      });
      const item = idx >= 0 ? seq.items[idx] : undefined;
      return { path: [...best.path, idx >= 0 ? idx : seq.items.length], map: isMap(item) ? item : undefined };
    }
    const parent = keyAbove(doc, file, curLine, dashCol + 1, colls);
    return parent && { path: [...parent, 0] };
  }
  let best: Coll | undefined;
  for (const c of colls) {
    if (!isMap(c.node) || c.start > offset) continue;
    if (lines.positionAt(c.start).character !== col) continue;
    if (best && c.start <= best.start) continue;
    if (closedBetween(text, lines, lines.positionAt(c.start).line + 1, curLine, col)) continue;
    best = c;
  }
  if (best) return { path: best.path, map: best.node as YAMLMap };
  const parent = keyAbove(doc, file, curLine, col, colls);
  return parent && { path: parent };
}

/** Is there a non-blank, non-comment line in [from, to) indented less than col? */
function closedBetween(
  text: string,
  lines: ParsedFile['lines'],
  from: number,
  to: number,
  col: number,
): boolean {
  for (let l = from; l < to; l++) {
    const s = lines.lineStart(l);
    const e = l + 1 < lines.lineCount ? lines.lineStart(l + 1) : text.length;
    const line = text.slice(s, e);
    const ind = /^ */.exec(line)![0].length;
    const rest = line.slice(ind).replace(/[\r\n]+$/, '');
    if (!rest || rest.startsWith('#')) continue;
    if (ind < col) return true;
  }
  return false;
}

/** The path of the value of the nearest `key:` above the cursor line, indented less than col. */
function keyAbove(
  doc: ParsedDoc,
  file: ParsedFile,
  curLine: number,
  col: number,
  colls: Coll[],
): PathSegment[] | undefined {
  const { lines } = file;
  let best: { pair: Pair; path: PathSegment[]; start: number } | undefined;
  for (const c of colls) {
    if (!isMap(c.node)) continue;
    for (const p of c.node.items) {
      if (!isPair(p)) continue;
      const r = (p.key as Node | null)?.range;
      if (!r) continue;
      const kp = lines.positionAt(r[0]);
      if (kp.line >= curLine || kp.character >= col) continue;
      if (!best || r[0] > best.start) best = { pair: p, path: c.path, start: r[0] };
    }
  }
  if (!best) return undefined;
  const v = best.pair.value as Node | null;
  // `spec:` then `  ht` on the next line parses as the scalar value "ht": that is the word being typed.
  const typedBelow =
    isScalar(v) && !!v.range && lines.positionAt(v.range[0]).line > lines.positionAt(best.start).line;
  if (v && !(isScalar(v) && v.value === null) && !typedBelow) return undefined; // that key already has a value
  const k = keyString(best.pair);
  return k === undefined ? undefined : [...best.path, k];
}
