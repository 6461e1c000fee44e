// "It belongs under `destination`": when an unknown key is a real field one level down, in a
// sibling, or further up, say where (keys misplaced together go together). Searches a few schema levels
// around the node only.
import { T, type SchemaNode } from './compile';
import { pathOf, type Frame } from './frame';

export interface Relocation {
  phrase: string;
  path: string;
  /** The field's schema where it belongs. */
  field: SchemaNode | undefined;
}

/** The object schema a field's values have (a list's items for arrays). */
function objectOf(s: SchemaNode | undefined): SchemaNode | undefined {
  if (!s) return undefined;
  if (s.types === T.Array) return s.items();
  return s;
}

function join(base: string, seg: string): string {
  return base ? `${base}.${seg}` : seg;
}

/** Fields of `s` (one or two levels down) that declare `key`; fields the document already has come first. */
function findBelow(
  s: SchemaNode,
  key: string,
  depth: number,
  present: ReadonlySet<string>,
): string[] | undefined {
  const names = s.propertyNames();
  const order = [...names.filter((p) => present.has(p)), ...names.filter((p) => !present.has(p))];
  for (let round = 0; round < 2; round++) {
    // Round 0: the fields written here, two levels deep; round 1: any field, one level then two.
    for (const p of round === 0 ? order.filter((n) => present.has(n)) : order) {
      const sub = objectOf(s.property(p));
      if (!sub?.hasProperties()) continue;
      if (sub.property(key)) return [p];
      if (depth > 1 && round === 0) {
        const deeper = findBelow(sub, key, 1, new Set());
        if (deeper) return [p, ...deeper];
      }
    }
  }
  if (depth > 1) {
    for (const p of order) {
      const sub = objectOf(s.property(p));
      if (!sub?.hasProperties()) continue;
      const deeper = findBelow(sub, key, 1, new Set());
      if (deeper) return [p, ...deeper];
    }
  }
  return undefined;
}

/**
 * Where `key`, unknown at `f`, belongs. Keys misplaced together belong together: when another key of the
 * mapping that is unknown here belongs to an object that declares `key` too, `key` goes there with it
 * (`consecutiveGatewayErrors`, `interval` and `baseEjectionTime` written under a DestinationRule's
 * `connectionPool.http` all belong under `outlierDetection`, though `interval` alone would also fit the
 * nearer `http2KeepAlive`).
 */
export function relocationHint(f: Frame, key: string, present: ReadonlySet<string>): Relocation | undefined {
  let asked = 0;
  for (const other of present) {
    if (other === key || f.schema.property(other)) continue;
    // A mapping of many unknown keys is no misplaced group (and asking each would be quadratic).
    if (++asked > SIBLINGS_ASKED) break;
    const there = locate(f, other, present);
    const field = there?.container?.property(key);
    if (there && field) return { phrase: there.phrase, path: there.path, field };
  }
  const own = locate(f, key, present);
  return own && { phrase: own.phrase, path: own.path, field: own.field };
}

/** How many other unknown keys of the mapping the hint consults. */
const SIBLINGS_ASKED = 8;

/** Where `key` belongs on its own, and the object schema that declares it there. */
function locate(
  f: Frame,
  key: string,
  present: ReadonlySet<string>,
): (Relocation & { container: SchemaNode | undefined }) | undefined {
  const here = pathOf(f);
  const below = findBelow(f.schema, key, 2, present);
  if (below)
    return {
      phrase: `under \`${below.join('.')}\``,
      path: join(here, below.join('.')),
      field: fieldAt(f.schema, [...below, key]),
      container: objectOf(fieldAt(f.schema, below)),
    };
  // Up the tree (skipping list frames): the key may belong to an ancestor, or to a sibling of it.
  let child: Frame = f;
  for (let a = f.parent, hops = 0; a && hops < 3; a = a.parent) {
    if (a.schema.types === T.Array) {
      child = a;
      continue;
    }
    hops++;
    const ap = pathOf(a);
    const there = a.schema.property(key);
    if (there)
      return {
        phrase: ap ? `in \`${ap}\`` : 'at the top level of the document',
        path: ap,
        field: there,
        container: a.schema,
      };
    for (const p of a.schema.propertyNames()) {
      if (p === child.seg) continue;
      const container = objectOf(a.schema.property(p));
      const field = container?.property(key);
      if (field) return { phrase: `under \`${join(ap, p)}\``, path: join(ap, p), field, container };
    }
    child = a;
  }
  return undefined;
}

/** The schema of the field a path of property names leads to (through lists); findBelow found each. */
function fieldAt(s: SchemaNode, path: readonly string[]): SchemaNode | undefined {
  let at: SchemaNode | undefined = s;
  for (const [i, p] of path.entries()) at = (i ? objectOf(at) : at)?.property(p);
  return at;
}
