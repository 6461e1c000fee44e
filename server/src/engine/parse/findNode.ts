// Locating AST nodes by offset, for services that start from a cursor or a diagnostic range.
import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { ParsedDoc, ParsedFile } from './parseFile';
import type { PathSegment } from './nodes';

export function docAt(file: ParsedFile, offset: number): ParsedDoc | undefined {
  return file.docs.find((d) => offset >= d.start && offset <= d.end);
}

/** The pair whose key starts exactly at `offset`, with its parent collection. */
export function pairWithKeyAt(
  doc: ParsedDoc,
  offset: number,
): { pair: Pair<Node, Node>; parent: Node } | undefined {
  let found: { pair: Pair<Node, Node>; parent: Node } | undefined;
  const stack: unknown[] = [doc.ast.contents];
  while (stack.length && !found) {
    const n = stack.pop();
    if (isMap(n)) {
      for (const p of n.items) {
        if (!isPair(p)) continue;
        const r = (p.key as { range?: number[] } | null)?.range;
        if (r && r[0] === offset) {
          found = { pair: p as Pair<Node, Node>, parent: n };
          break;
        }
        stack.push(p.value);
      }
    } else if (isSeq(n)) stack.push(...n.items);
  }
  return found;
}

export interface NodePath {
  /** Keys and indices from the document root to the innermost node containing the offset. */
  path: PathSegment[];
  /** Innermost node containing the offset. */
  node: Node | undefined;
  /** Set when the offset is on a mapping key. */
  onKey: boolean;
  /** The pair whose key or value contains the offset. */
  pair?: Pair<Node, Node>;
  /** The collection the pair / item sits in. */
  parent?: Node;
}

/** The path to the node under the cursor (iterative; aliases are not followed). */
export function pathAt(doc: ParsedDoc, offset: number): NodePath {
  const result: NodePath = { path: [], node: doc.ast.contents ?? undefined, onKey: false };
  let cur: unknown = doc.ast.contents;
  for (let depth = 0; depth < 10_000 && cur; depth++) {
    let next: unknown;
    if (isMap(cur)) {
      for (const p of cur.items) {
        if (!isPair(p)) continue;
        const kr = (p.key as { range?: number[] } | null)?.range;
        const vr = (p.value as { range?: number[] } | null)?.range;
        const key = isScalar(p.key) ? String(p.key.value) : '';
        if (kr && offset >= kr[0] && offset <= kr[1]) {
          result.path.push(key);
          result.onKey = true;
          result.pair = p as Pair<Node, Node>;
          result.parent = cur;
          result.node = p.key as Node;
          return result;
        }
        if (vr && offset >= vr[0] && offset <= vr[2]) {
          result.path.push(key);
          result.pair = p as Pair<Node, Node>;
          result.parent = cur;
          next = p.value;
          break;
        }
      }
    } else if (isSeq(cur)) {
      cur.items.forEach((it, i) => {
        const r = (it as { range?: number[] } | null)?.range;
        if (!next && r && offset >= r[0] && offset <= r[2]) {
          result.path.push(i);
          result.parent = cur as Node;
          next = it;
        }
      });
    }
    if (!next) break;
    result.node = next as Node;
    cur = next;
  }
  return result;
}
