// A node's plain JS value exactly as the `yaml` package's `node.toJS(doc, { maxAliasCount })` gives
// it, built directly for the common tree (plain maps with string keys, sequences, scalars, no alias,
// no merge key): yaml's generic conversion (a context, an anchor check and a key stringification per
// pair) was a sixth of the workspace analysis of a 9,100-document file, which reads every resource's
// value. Any other tree goes to yaml's own toJS, so the value is the same whatever the input.
import { isAlias, isMap, isPair, isScalar, isSeq, YAMLMap, YAMLSeq, type Document, type Node } from 'yaml';

/** A tree the direct conversion does not cover. */
const OTHER = Symbol('other');
/** Deeper trees go to yaml's toJS (which recurses as deep, or fails as it always did). */
const MAX_DEPTH = 200;

export function nodeToJS(node: Node, doc: Document, maxAliasCount: number): unknown {
  const v = direct(node, 0);
  return v === OTHER ? node.toJS(doc, { maxAliasCount }) : v;
}

function direct(n: unknown, depth: number): unknown {
  // toJS with its keep option (set by Node.toJS): a scalar is its value, whatever its type.
  if (isScalar(n)) return n.value;
  if (depth > MAX_DEPTH) return OTHER;
  // !!set and !!omap are subclasses with their own toJSON; an alias counts against maxAliasCount.
  if (isMap(n) && Object.getPrototypeOf(n) === YAMLMap.prototype) {
    const out: Record<string, unknown> = {};
    for (const p of n.items) {
      if (!isPair(p)) return OTHER;
      const k = p.key;
      // `<<` may be a merge key (yaml's isMergeKey depends on the schema and the key's style).
      if (!isScalar(k) || typeof k.value !== 'string' || k.value === '<<') return OTHER;
      const v = p.value == null ? p.value : direct(p.value, depth + 1);
      if (v === OTHER) return OTHER;
      // yaml's addPairToJSMap: an inherited name (`__proto__`, `toString`) becomes an own property.
      if (k.value in out)
        Object.defineProperty(out, k.value, {
          value: v,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      else out[k.value] = v;
    }
    return out;
  }
  if (isSeq(n) && Object.getPrototypeOf(n) === YAMLSeq.prototype) {
    const out: unknown[] = [];
    for (const item of n.items) {
      // A pair in a sequence (`[a: b]`, !!pairs) converts to a one-entry map: yaml's path.
      if (isPair(item) || isAlias(item)) return OTHER;
      const v = item == null ? item : direct(item, depth + 1);
      if (v === OTHER) return OTHER;
      out.push(v);
    }
    return out;
  }
  return OTHER;
}
