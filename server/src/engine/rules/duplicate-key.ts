// Keys repeated in one mapping: Kubernetes silently keeps the last one (or rejects it under
// --validate=strict). Reported on each repeat, pointing back at the first occurrence; a key
// repeated many times in one mapping is grouped into one report listing every occurrence.
// Keys after a syntax error of the document are the parser's recovery, not the file's mapping: a
// separator typo (`--` for `---`) runs the next object's apiVersion, kind, metadata and spec into this
// one. kubectl stops at the syntax error (yaml-syntax); their repeats are echoes of it, not reported.
import { isMap, isPair, isScalar, type Pair } from 'yaml';
import { Severity } from '../model/diagnostic';
import type { Rule } from '../model/rule';
import { keySpan, keyString } from '../parse/nodes';
import { walkCollections } from '../parse/walk';

/** More repeats than this of one key in one mapping are reported as a group. */
const GROUP_ABOVE = 3;
const MAX_RELATED = 20;

export const duplicateKey: Rule = {
  meta: {
    id: 'duplicate-key',
    description: 'A key appears more than once in the same mapping.',
    severity: Severity.Error,
    fixable: true,
    appliesTo: 'yaml',
  },
  check(ctx) {
    const brokenAt = Math.min(...ctx.doc.ast.errors.map((e) => e.pos[0]));
    walkCollections(ctx.doc.ast.contents, (node) => {
      if (!isMap(node) || node.items.length < 2 || !repeatsKey(node.items)) return;
      const byKey = new Map<string, Pair[]>();
      for (const item of node.items) {
        if (!isPair(item) || !((keySpan(item)?.[0] ?? 0) < brokenAt)) continue;
        const k = keyString(item);
        if (k === undefined || k === '<<') continue;
        const list = byKey.get(k);
        if (list) list.push(item);
        else byKey.set(k, [item]);
      }
      for (const [key, pairs] of byKey) {
        if (pairs.length < 2) continue;
        const first = keySpan(pairs[0]);
        const firstRel = first ? [{ span: first, message: `first \`${key}\` here` }] : [];
        if (pairs.length - 1 > GROUP_ABOVE) {
          ctx.report({
            node: pairs[1],
            message: `Key \`${key}\` appears ${pairs.length} times in this mapping; only the last one takes effect`,
            related: pairs.slice(0, MAX_RELATED).flatMap((p, i) => {
              const s = keySpan(p);
              return s ? [{ span: s, message: `\`${key}\` occurrence ${i + 1} of ${pairs.length}` }] : [];
            }),
            data: { fix: 'remove-duplicates', key },
          });
          continue;
        }
        for (const dup of pairs.slice(1)) {
          ctx.report({
            node: dup,
            message: `Duplicate key \`${key}\` in this mapping; only the last one takes effect`,
            related: firstRel,
            data: { fix: 'remove-pair' },
          });
        }
      }
    });
  },
};

/** Keys of the mapping being checked, reused: most mappings have no repeat and cost no allocation. */
const keys: (string | undefined)[] = [];

/** Whether a key (other than the merge key) occurs twice: pairwise for small mappings, by set for large. */
function repeatsKey(items: readonly unknown[]): boolean {
  keys.length = 0;
  for (const item of items) {
    const k = isPair(item) ? item.key : undefined;
    // A string scalar's value is its key string (keyString's common case, without its calls).
    keys.push(
      isScalar(k) && typeof k.value === 'string' ? k.value : isPair(item) ? keyString(item) : undefined,
    );
  }
  if (keys.length > 16) {
    const seen = new Set<string>();
    for (const k of keys) {
      if (k === undefined || k === '<<') continue;
      if (seen.has(k)) return true;
      seen.add(k);
    }
    return false;
  }
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    if (k === undefined || k === '<<') continue;
    for (let j = i + 1; j < keys.length; j++) if (keys[j] === k) return true;
  }
  return false;
}
