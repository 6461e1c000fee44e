// Alias bombs ("billion laughs"): a few lines whose aliases expand to billions of nodes. We never
// expand them (walks do not follow aliases), but Kubernetes does, and rejects the document with
// "document contains excessive aliasing". We compute the expanded size arithmetically, with one
// memoised post-order walk, and apply go-yaml's own limit so we flag exactly what kubectl refuses.
import { isAlias, isMap, isPair, isSeq, type Alias, type Node } from 'yaml';
import { Severity } from '../model/diagnostic';
import type { Rule } from '../model/rule';
import { nodeSpan } from '../parse/nodes';

/** go-yaml's allowed share of alias-decoded nodes: 99% up to 400k nodes, falling to 10% at 4M. */
function allowedAliasRatio(decoded: number): number {
  const low = 400_000,
    high = 4_000_000;
  if (decoded <= low) return 0.99;
  if (decoded >= high) return 0.1;
  return 0.99 - 0.89 * ((decoded - low) / (high - low));
}

interface Expansion {
  decoded: number;
  viaAlias: number;
  worst?: { alias: Alias; size: number };
}

/** Expanded node counts in document order; an alias to an unfinished (enclosing) node counts 1. */
export function aliasExpansion(root: unknown): Expansion {
  const size = new Map<unknown, number>();
  const via = new Map<unknown, number>();
  const anchors = new Map<string, unknown>();
  let worst: Expansion['worst'];
  const stack: { node: unknown; done: boolean }[] = [{ node: root, done: false }];
  while (stack.length) {
    const top = stack.pop()!;
    const n = top.node as Node | null | undefined;
    if (n == null || typeof n !== 'object') continue;
    const kids = isMap(n)
      ? n.items.flatMap((p) => (isPair(p) ? [p.key, p.value] : []))
      : isSeq(n)
        ? n.items
        : [];
    if (!top.done) {
      const anchor = (n as { anchor?: string }).anchor;
      if (anchor) anchors.set(anchor, n);
      stack.push({ node: n, done: true });
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], done: false });
      continue;
    }
    if (isAlias(n)) {
      const target = anchors.get(n.source);
      const s = Math.min((target !== undefined ? size.get(target) : undefined) ?? 1, 1e15);
      size.set(n, 1 + s);
      via.set(n, s);
      if (!worst || s > worst.size) worst = { alias: n, size: s };
      continue;
    }
    let s = 1,
      v = 0;
    for (const k of kids) {
      s += size.get(k) ?? 0;
      v += via.get(k) ?? 0;
    }
    size.set(n, Math.min(s, 1e15));
    via.set(n, Math.min(v, 1e15));
  }
  return { decoded: size.get(root) ?? 0, viaAlias: via.get(root) ?? 0, worst };
}

/** An alias `*name` follows a line start, blank, `[`, `{`, `,`, `:` or `-` (a quoted "*.example.com" does not). */
const MAY_HAVE_ALIAS = /(?:^|[\s,[{:-])\*[^\s,\]}]/;

const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const count = (n: number): string => (n >= 1e15 ? 'more than 1000T' : compact.format(n));

export const excessiveAliasing: Rule = {
  meta: {
    id: 'excessive-aliasing',
    description: 'Aliases expand the document to a size Kubernetes refuses to decode (an alias bomb).',
    severity: Severity.Error,
    fixable: false,
    appliesTo: 'yaml',
  },
  check(ctx) {
    // Most documents have no alias at all: a scan of the text is far cheaper than the walk.
    if (!MAY_HAVE_ALIAS.test(ctx.file.text.slice(ctx.doc.start, ctx.doc.end))) return;
    const { decoded, viaAlias, worst } = aliasExpansion(ctx.doc.ast.contents);
    if (!worst || viaAlias <= 100 || decoded <= 1000 || viaAlias / decoded <= allowedAliasRatio(decoded))
      return;
    ctx.report({
      span: nodeSpan(worst.alias) ?? [ctx.doc.start, ctx.doc.start],
      message:
        `Aliases expand this document to ${count(decoded)} nodes (this alias alone to ${count(worst.size)}): ` +
        'Kubernetes rejects it ("document contains excessive aliasing")',
    });
  },
};
