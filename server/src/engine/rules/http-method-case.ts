// An HTTP method written in lower or mixed case where Istio compares it with the request's `:method`:
// a VirtualService match (`method: {exact|prefix: get}`) and an AuthorizationPolicy operation
// (`methods`, `notMethods`). Method tokens are case-sensitive (RFC 9110 §9.1) and clients send the
// standard ones in upper case; Envoy's header matcher compares exactly, so `get` never matches a GET:
// the route is never taken, an ALLOW rule never allows, a DENY rule never denies. Neither Istio's
// webhook nor its analyzers say so. Only the standard methods are judged: an extension method may be
// spelt in any case, and a `*` pattern or a regex is left alone.
import { isScalar, isSeq, type Node } from 'yaml';
import { Severity } from '../model/diagnostic';
import type { Rule, RuleContext } from '../model/rule';
import { getIn, nodeSpan } from '../parse/nodes';

const STANDARD_METHODS = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
]);

export const httpMethodCase: Rule = {
  meta: {
    id: 'http-method-case',
    description: 'A standard HTTP method written in lower or mixed case, which no request matches.',
    severity: Severity.Warning,
    fixable: true,
    appliesTo: 'resource',
    // Method tokens are case-sensitive.
    docsUrl: 'https://www.rfc-editor.org/rfc/rfc9110#section-9.1',
  },
  check(ctx) {
    const r = ctx.resource;
    if (!r) return;
    const spec = getIn(r.root, ['spec'], ctx.doc.ast);
    if (r.group === 'networking.istio.io' && r.kind === 'VirtualService') {
      for (const http of items(getIn(spec, ['http'], ctx.doc.ast)))
        for (const match of items(getIn(http, ['match'], ctx.doc.ast)))
          for (const how of ['exact', 'prefix']) check(ctx, getIn(match, ['method', how], ctx.doc.ast));
    }
    if (r.group === 'security.istio.io' && r.kind === 'AuthorizationPolicy') {
      for (const rule of items(getIn(spec, ['rules'], ctx.doc.ast)))
        for (const to of items(getIn(rule, ['to'], ctx.doc.ast)))
          for (const field of ['methods', 'notMethods'])
            for (const m of items(getIn(to, ['operation', field], ctx.doc.ast))) check(ctx, m);
    }
  },
};

function items(node: Node | undefined): readonly unknown[] {
  return isSeq(node) ? node.items : [];
}

function check(ctx: RuleContext, node: unknown): void {
  if (!isScalar(node) || typeof node.value !== 'string') return;
  const written = node.value;
  const upper = written.toUpperCase();
  if (written === upper || !STANDARD_METHODS.has(upper)) return;
  const span = nodeSpan(node);
  const raw = span ? ctx.file.text.slice(span[0], span[1]) : undefined;
  ctx.report({
    node,
    message: `HTTP methods are case-sensitive: \`${written}\` matches no request (clients send \`${upper}\`)`,
    data: raw?.includes(written) ? { replacements: [raw.replace(written, upper)] } : undefined,
  });
}
