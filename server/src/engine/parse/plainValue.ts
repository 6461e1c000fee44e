// A YAML node as a plain JS value (what sigs.k8s.io/yaml decodes): a lean, iterative-depth-limited
// stand-in for the `yaml` package's toJS, which costs several times more per document. Aliases are
// followed one level at a time (deref) with a budget, merge keys (`<<`) are applied as YAML 1.1 says.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import { deref, isMergeKey } from './nodes';

/** go-yaml's alias budget for one document (the excessive-aliasing rule reports beyond it). */
const MAX_ALIASES = 100;
const MAX_DEPTH = 512;

/** The node's value; undefined when the alias budget or depth limit is exceeded. */
export function plainValue(node: unknown, doc: Document): unknown {
  const budget = { aliases: MAX_ALIASES };
  try {
    return convert(node, doc, budget, 0);
  } catch {
    return undefined;
  }
}

function convert(node: unknown, doc: Document, budget: { aliases: number }, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new Error('too deep');
  let n = node;
  if (isAlias(n)) {
    if (--budget.aliases < 0) throw new Error('alias budget');
    n = deref(n, doc);
  }
  if (n === null || n === undefined) return null;
  if (isScalar(n)) return n.value;
  if (isSeq(n)) return n.items.map((x) => convert(x, doc, budget, depth + 1));
  if (isMap(n)) {
    const out: Record<string, unknown> = {};
    const merges: unknown[] = [];
    for (const p of n.items) {
      if (!isPair(p)) continue;
      const k = isScalar(p.key) ? p.key.value : p.key;
      if (isMergeKey(p)) {
        merges.push(p.value);
        continue;
      }
      const key =
        typeof k === 'string'
          ? k
          : typeof k === 'number' || typeof k === 'boolean'
            ? String(k)
            : JSON.stringify(k ?? '');
      out[key] = convert(p.value, doc, budget, depth + 1);
    }
    // Explicit keys win over merged ones; earlier merge sources win over later ones.
    for (const m of merges) {
      const v = convert(m, doc, budget, depth + 1);
      for (const src of Array.isArray(v) ? v : [v])
        if (src && typeof src === 'object')
          for (const [k, x] of Object.entries(src as Record<string, unknown>)) if (!(k in out)) out[k] = x;
    }
    return out;
  }
  return (n as Node).toJSON?.() ?? null;
}
