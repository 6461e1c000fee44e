// A kind the API group does not have (`kind: IstioProxy` in networking.istio.io), with the closest
// names and the kinds the group does have. For an API group we carry no schema for (a third-party
// CRD), an information note that the document is not validated.
import { Severity } from '../model/diagnostic';
import type { Rule } from '../model/rule';
import { mapGetPair } from '../parse/nodes';
import { resolveKind } from '../schema/resolveKind';

export const unknownKind: Rule = {
  meta: {
    id: 'unknown-kind',
    description: 'The kind is not served by its API group (or the API group is unknown).',
    severity: Severity.Error,
    fixable: true,
    appliesTo: 'resource',
  },
  check(ctx) {
    const res = ctx.resource!;
    const p = resolveKind(ctx.env.schemas, res).problem;
    if (p?.code !== 'unknown-kind') return;
    ctx.report({
      node: mapGetPair(res.root, 'kind')?.value,
      message: p.message,
      severity: p.knownGroup ? Severity.Error : Severity.Information,
      data: { replacements: p.replacements },
    });
  },
};
