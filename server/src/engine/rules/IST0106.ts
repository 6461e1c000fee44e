// IST0106 (SchemaValidationError): the errors of Istio's validating webhook (engine/webhook/), with
// Istio's own message, on the node that is wrong (Istio itself points at the whole resource).
import { Severity } from '../model/diagnostic';
import type { Rule, RuleContext } from '../model/rule';
import { istDocsUrl } from '../annotations/catalogue';
import { mapGetPair } from '../parse/nodes';
import { schemaFindings } from '../schema/findings';
import { webhookFindings } from '../webhook/findings';

export const schemaValidationError: Rule = {
  meta: {
    id: 'IST0106',
    description: "The resource fails Istio's validating webhook.",
    severity: Severity.Error,
    fixable: true,
    appliesTo: 'resource',
    docsUrl: istDocsUrl('IST0106'),
  },
  check: (ctx) => reportWebhook(ctx, 'error', 'Schema validation error: '),
};

/** Istio decodes the spec before validating it: a wrong type or enum value stops it there. */
const decodable = (ctx: RuleContext) => (): boolean =>
  !schemaFindings(ctx).some((f) => f.code === 'invalid-type' || f.code === 'invalid-enum');

/** Reports the webhook findings of one severity: the body of IST0106 and IST0133. */
export function reportWebhook(ctx: RuleContext, severity: 'error' | 'warning', prefix: string): void {
  for (const f of webhookFindings(ctx, decodable(ctx))) {
    if (f.severity !== severity) continue;
    ctx.report({
      node: f.node ?? mapGetPair(ctx.resource!.root, 'kind'),
      message: prefix + f.message,
      ...(f.data ? { data: f.data } : {}),
    });
  }
}
