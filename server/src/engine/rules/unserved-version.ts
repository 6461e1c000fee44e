// An apiVersion that does not serve the kind (removed or never existed): the API server rejects
// the document. The fix replaces apiVersion with the preferred served version.
import { Severity } from '../model/diagnostic';
import type { Rule } from '../model/rule';
import { mapGetPair } from '../parse/nodes';
import { resolveKind } from '../schema/resolveKind';

export const unservedVersion: Rule = {
  meta: {
    id: 'unserved-version',
    description: 'The API version does not serve this kind.',
    severity: Severity.Error,
    fixable: true,
    appliesTo: 'resource',
    docsUrl: 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/',
  },
  check(ctx) {
    const res = ctx.resource!;
    const p = resolveKind(ctx.env.schemas, res).problem;
    if (p?.code !== 'unserved-version') return;
    ctx.report({
      node: mapGetPair(res.root, 'apiVersion')?.value,
      message: p.message,
      data: { replacements: p.replacements },
    });
  },
};
