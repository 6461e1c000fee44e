// A step of the schema walk: the chain of parents gives paths and the schemas around a node.
import type { Node } from 'yaml';
import type { SchemaNode } from './compile';

/** One step of the walk; the chain of parents gives paths and the schemas around a node. */
export interface Frame {
  node: Node;
  schema: SchemaNode;
  seg: string | number | null;
  parent: Frame | null;
  /** The key whose value this node is (where missing-required is reported), if any. */
  keyNode: unknown;
  depth: number;
}

export function pathOf(f: Frame | null): string {
  const segs: (string | number)[] = [];
  for (let x = f; x && x.seg !== null; x = x.parent) segs.push(x.seg);
  let s = '';
  for (let i = segs.length - 1; i >= 0; i--) {
    const seg = segs[i];
    s += typeof seg === 'number' ? `[${seg}]` : (s ? '.' : '') + seg;
  }
  return s;
}
