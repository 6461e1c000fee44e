// A kind written under an API group that does not serve it: "Telemetry is served by
// telemetry.istio.io/v1". The fix replaces apiVersion.
import { Severity } from '../model/diagnostic';
import type { Rule } from '../model/rule';
import { mapGetPair } from '../parse/nodes';
import { resolveKind } from '../schema/resolveKind';

export const kindWrongGroup: Rule = {
  meta: {
    id: 'kind-wrong-group',
    description: 'The kind exists, but in another API group.',
    severity: Severity.Error,
    fixable: true,
    appliesTo: 'resource',
  },
  check(ctx) {
    const res = ctx.resource!;
    const p = resolveKind(ctx.env.schemas, res).problem;
    if (p?.code !== 'kind-wrong-group') return;
    ctx.report({
      node: mapGetPair(res.root, 'apiVersion')?.value,
      message: p.message,
      data: { replacements: p.replacements },
    });
  },
};
