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
  if (isScalar(k)) return k.value == null ? '' : typeof k.value === 'symbol' ? MERGE : toText(k.value);
  return typeof k === 'string' ? k : undefined;
}

const MERGE = '<<';
/** Sources and nesting of merge keys followed: go-yaml has no limit, a hostile file needs one. */
const MAX_MERGE_SOURCES = 32;
const MAX_MERGE_DEPTH = 4;

/**
 * A YAML 1.1 merge key (`<<: *defaults`), which go-yaml, and so kubectl, applies: the `yaml` package
 * (with `merge`) resolves a plain `<<` key to a symbol; a quoted '<<' is an ordinary key.
 */
export function isMergeKey(pair: Pair): boolean {
  return isScalar(pair.key) && typeof pair.key.value === 'symbol';
}

/**
 * The pairs a map decodes to: its own (merge keys aside), then the pairs its merge keys bring in (a
 * map, an alias of one, or a sequence of them) for keys it does not write itself, the earlier source
 * winning, as the YAML 1.1 merge type says. A map without merge keys is its own pairs, not copied:
 * the API server's view and CEL ask this of every map.
 */
export function effectivePairs(map: YAMLMap, doc?: Document, depth = 0): readonly Pair[] {
  if (map.items.every((item) => isPair(item) && !isMergeKey(item))) return map.items;
  const own: Pair[] = [];
  let sources: Node[] | undefined;
  for (const item of map.items) {
    if (!isPair(item)) continue;
    if (!isMergeKey(item)) {
      own.push(item);
      continue;
    }
    const v = deref(item.value, doc);
    const list = isSeq(v) ? v.items.slice(0, MAX_MERGE_SOURCES).map((x) => deref(x, doc)) : [v];
    for (const s of list) if (s) (sources ??= []).push(s);
  }
  if (!sources || depth >= MAX_MERGE_DEPTH) return own;
  const taken = new Set<string | undefined>(own.map(keyString));
  for (const s of sources) {
    if (!isMap(s)) continue;
    for (const p of effectivePairs(s, doc, depth + 1)) {
      const k = keyString(p);
      if (taken.has(k)) continue;
      taken.add(k);
      own.push(p);
    }
  }
  return own;
}

/**
 * The pair with the given key, the last of repeated ones: go-yaml decodes a repeated key to its last
 * value, so that is what Kubernetes and Istio read (duplicate-key reports the repeat). A document that
 * runs two objects together (a missing `---`) is the second object.
 */
export function mapGetPair(map: YAMLMap, key: string): Pair<Node, Node> | undefined {
  const items = map.items;
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (isPair(item) && keyString(item) === key) return item as Pair<Node, Node>;
  }
  return undefined;
}

/** Up to this many pairs, repeats are found by comparing pairs, without allocating. */
const PAIRWISE_UP_TO = 8;

/** A pair's key as a string, the common case (a plain string scalar) without keyString's calls. */
function fastKey(item: unknown): string | undefined {
  if (!isPair(item)) return undefined;
  const k = item.key;
  return isScalar(k) && typeof k.value === 'string' ? k.value : keyString(item);
}

/**
 * The pairs a later pair of the same key overrides: go-yaml keeps the last value of a repeated key, so
 * an earlier one never reaches the cluster (duplicate-key reports it) and is not validated. Undefined
 * when no key repeats, the common case, which allocates nothing.
 */
export function shadowedPairs(map: YAMLMap): Set<Pair> | undefined {
  const items = map.items;
  if (items.length < 2) return undefined;
  let out: Set<Pair> | undefined;
  if (items.length <= PAIRWISE_UP_TO) {
    for (let i = 0; i < items.length - 1; i++) {
      const k = fastKey(items[i]);
      if (k === undefined || k === '<<') continue;
      for (let j = i + 1; j < items.length; j++) {
        if (fastKey(items[j]) !== k) continue;
        (out ??= new Set()).add(items[i]);
        break;
      }
    }
    return out;
  }
  const later = new Set<string>();
  for (let i = items.length - 1; i >= 0; i--) {
    const k = fastKey(items[i]);
    if (k === undefined || k === '<<') continue;
    if (later.has(k)) (out ??= new Set()).add(items[i]);
    else later.add(k);
  }
  return out;
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
