// oneOf / anyOf / not of a mapping's schema: which branches its keys match, and one finding when the count
// is wrong (conflicting fields, none of the required ones, or no allowed combination).
import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { keyString } from '../parse/nodes';
import { ANY_TYPE, T, type SchemaNode } from './compile';
import { orList } from './suggest';
import { pathOf, type Frame } from './frame';
import type { Finding } from './finding';
import { scalarType } from './valueChecks';

const MAX_MATCH_DEPTH = 6;

export function checkCombinators(f: Frame, present: Map<string, Pair>, report: (f: Finding) => void): void {
  for (const c of f.schema.combinatorNodes()) {
    const results = c.nodes.map((n) => matches(f.node, n, present, 0));
    const count = results.filter(Boolean).length;
    const ok = c.kind === 'oneOf' ? count === 1 : c.kind === 'anyOf' ? count >= 1 : count === 0;
    if (ok) continue;
    const names = [...new Set(c.nodes.flatMap((n) => requiredNames(n)))];
    const set = names.filter((n) => present.has(n));
    const where = pathOf(f);
    if (set.length > 1 && c.kind !== 'anyOf') {
      report({
        code: 'conflicting-fields',
        node: present.get(set[1])!.key,
        message: `Only one of ${orList(names)} may be set${where ? ` in ${where}` : ''}; found ${set.map((s) => `\`${s}\``).join(' and ')}`,
        data: { conflicting: set },
      });
    } else if (set.length === 0 && names.length) {
      report({
        code: 'missing-required',
        node: f.keyNode ?? f.node,
        message: `One of ${orList(names)} must be set${where ? ` in ${where}` : ''}`,
        data: { missing: names },
      });
    } else {
      report({
        code: 'invalid-value',
        node: f.keyNode ?? f.node,
        message: `${where || 'The document'} does not match the allowed combinations of fields${names.length ? ` (${orList(names)})` : ''}`,
      });
    }
    return; // one combinator report per mapping is enough
  }
}

function requiredNames(n: SchemaNode, depth = 0): string[] {
  if (depth > 3) return [];
  return [
    ...n.required,
    ...n.combinatorNodes().flatMap((c) => c.nodes.flatMap((x) => requiredNames(x, depth + 1))),
  ];
}

/** Does a node satisfy a (value-validation) branch? Checks the keywords branches use in practice. */
function matches(node: Node, s: SchemaNode, present: Map<string, Pair> | null, depth: number): boolean {
  if (depth > MAX_MATCH_DEPTH) return true;
  if (s.types !== ANY_TYPE) {
    const t = isMap(node) ? T.Object : isSeq(node) ? T.Array : isScalar(node) ? scalarType(node, '') : 0;
    if (t && !(s.types & t) && !(t === T.Integer && s.types & T.Number)) return false;
  }
  if (s.required.length || s.hasProperties()) {
    if (!isMap(node)) return s.required.length === 0;
    const keys = present ?? keysOf(node);
    if (!s.required.every((r) => keys.has(r))) return false;
    for (const name of s.propertyNames()) {
      const pair = keys.get(name);
      const v = pair?.value;
      const sub = s.property(name);
      if (sub && v && !isAlias(v) && !matches(v as Node, sub, null, depth + 1)) return false;
    }
  }
  if (s.enumValues && isScalar(node) && !s.enumValues.includes(node.value)) return false;
  for (const c of s.combinatorNodes()) {
    const n = c.nodes.filter((x) => matches(node, x, present, depth + 1)).length;
    if (c.kind === 'oneOf' ? n !== 1 : c.kind === 'anyOf' ? n < 1 : n > 0) return false;
  }
  return true;
}

function keysOf(map: YAMLMap): Map<string, Pair> {
  const m = new Map<string, Pair>();
  for (const p of map.items)
    if (isPair(p)) {
      const k = keyString(p);
      if (k !== undefined && !(isScalar(p.value) && p.value.value === null)) m.set(k, p);
    }
  return m;
}
