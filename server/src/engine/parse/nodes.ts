// Small, allocation-free helpers over the `yaml` AST. Aliases are resolved one level at a time,
// so a hostile alias chain never expands into a large value.
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { toText } from '../util/json';

export type PathSegment = string | number;

/** The node an alias points at (or the node itself). */
export function deref(node: unknown, doc?: Document): Node | undefined {
  if (node == null) return undefined;
  if (isAlias(node)) {
    if (!doc) return undefined;
    const target = node.resolve(doc);
    return target && !isAlias(target) ? target : undefined;
  }
  return node as Node;
}

export function keyString(pair: Pair): string | undefined {
  const k = pair.key;
  if (isScalar(k)) return k.value == null ? '' : toText(k.value);
  return typeof k === 'string' ? k : undefined;
}

/** The first pair with the given key (Kubernetes keeps the last; we report duplicates separately). */
export function mapGetPair(map: YAMLMap, key: string): Pair<Node, Node> | undefined {
  for (const item of map.items) if (isPair(item) && keyString(item) === key) return item as Pair<Node, Node>;
  return undefined;
}

export function mapGetValue(map: YAMLMap, key: string, doc?: Document): Node | undefined {
  const pair = mapGetPair(map, key);
  return pair ? deref(pair.value, doc) : undefined;
}

export function scalarString(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** Walks maps by key and sequences by index. */
export function getIn(node: unknown, path: readonly PathSegment[], doc?: Document): Node | undefined {
  let cur = deref(node, doc);
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!isSeq(cur)) return undefined;
      cur = deref(cur.items[seg], doc);
    } else {
      if (!isMap(cur)) return undefined;
      cur = mapGetValue(cur, seg, doc);
    }
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** [start, end) of a node's value in the file, or undefined for synthetic nodes. */
export function nodeSpan(node: unknown): [number, number] | undefined {
  const r = (node as { range?: [number, number, number] } | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}

/** The span of a pair's key, falling back to its value. */
export function keySpan(pair: Pair): [number, number] | undefined {
  return nodeSpan(pair.key) ?? nodeSpan(pair.value);
}

export function isNode(v: unknown): v is Node {
  return isMap(v) || isSeq(v) || isScalar(v) || isAlias(v);
}
