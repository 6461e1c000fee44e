// "It belongs under `destination`": when an unknown key is a real field one level down, in a
// sibling, or further up, say where. Searches a few schema levels around the node only.
import { T, type SchemaNode } from './compile';
import { pathOf, type Frame } from './frame';

export interface Relocation { phrase: string; path: string }

/** The object schema a field's values have (a list's items for arrays). */
function objectOf(s: SchemaNode | undefined): SchemaNode | undefined {
  if (!s) return undefined;
  if (s.types === T.Array) return s.items();
  return s;
}

function join(base: string, seg: string): string { return base ? `${base}.${seg}` : seg; }

/** Fields of `s` (one or two levels down) that declare `key`. */
function findBelow(s: SchemaNode, key: string, depth: number): string[] | undefined {
  for (const p of s.propertyNames()) {
    const sub = objectOf(s.property(p));
    if (sub?.hasProperties() && sub.property(key)) return [p];
  }
  if (depth > 1) {
    for (const p of s.propertyNames()) {
      const sub = objectOf(s.property(p));
      if (!sub?.hasProperties()) continue;
      const deeper = findBelow(sub, key, depth - 1);
      if (deeper) return [p, ...deeper];
    }
  }
  return undefined;
}

export function relocationHint(f: Frame, key: string): Relocation | undefined {
  const here = pathOf(f);
  const below = findBelow(f.schema, key, 2);
  if (below) return { phrase: `under \`${below.join('.')}\``, path: join(here, below.join('.')) };
  // Up the tree (skipping list frames): the key may belong to an ancestor, or to a sibling of it.
  let child: Frame = f;
  for (let a = f.parent, hops = 0; a && hops < 3; a = a.parent) {
    if (a.schema.types === T.Array) { child = a; continue; }
    hops++;
    const ap = pathOf(a);
    if (a.schema.property(key)) return { phrase: ap ? `in \`${ap}\`` : 'at the top level of the document', path: ap };
    for (const p of a.schema.propertyNames()) {
      if (p === child.seg) continue;
      const sub = objectOf(a.schema.property(p));
      if (sub?.hasProperties() && sub.property(key)) return { phrase: `under \`${join(ap, p)}\``, path: join(ap, p) };
    }
    child = a;
  }
  return undefined;
}
