// IST0106 (SchemaValidationError): the errors of Istio's validating webhook (engine/webhook/), with
// Istio's own message, on the node that is wrong (Istio itself points at the whole resource).
import { Severity } from '../model/diagnostic';
import type { Rule, RuleContext } from '../model/rule';
import { istDocsUrl } from '../annotations/catalogue';
import { isScalar } from 'yaml';
import { mapGetPair } from '../parse/nodes';
import { firstLineOf } from './cel-validation';
import { isPlaceholder, PLACEHOLDER_NOTE, siteFromMessage } from '../util/placeholder';
import { reportedWebhookFindings } from './shared/webhookReports';

export const schemaValidationError: Rule = {
  meta: {
    id: 'IST0106',
    description: "The resource fails Istio's validating webhook.",
    severity: Severity.Error,
    fixable: true,
    appliesTo: 'resource',
    docsUrl: istDocsUrl('IST0106'),
  },
  check: (ctx) => reportWebhook(ctx, 'error'),
};

/** How IST0106 (errors) and IST0133 (warnings) begin Istio's message (istioctl's SchemaValidationError, SchemaWarning). */
export const WEBHOOK_PREFIX = {
  error: 'Schema validation error: ',
  warning: 'Schema validation warning: ',
} as const;

/** Data flag of a webhook finding about the object's shape rather than a value it sets. */
export const SHAPE_FINDING = 'shape';

/** Reports the webhook findings of one severity: the body of IST0106 and IST0133. */
export function reportWebhook(ctx: RuleContext, severity: 'error' | 'warning'): void {
  const prefix = WEBHOOK_PREFIX[severity];
  for (const f of reportedWebhookFindings(ctx, severity)) {
    const node = f.node ?? mapGetPair(ctx.resource!.root, 'kind');
    // Analysis-aware warnings carry the code istioctl analyze reports them under (IST0130/IST0131).
    const code = typeof f.data?.code === 'string' ? f.data.code : undefined;
    const placeholder = isScalar(f.node) && isPlaceholder(f.node.value, siteFromMessage(f.message));
    const quiet = placeholder || f.data?.advisory === true;
    // Not on a value the document sets: about the object's shape, which a patch does not hold.
    const data = f.onValue ? f.data : { ...f.data, [SHAPE_FINDING]: true };
    ctx.report({
      ...firstLineOf(node, ctx.file.text),
      message:
        (code ? f.message : prefix + f.message) +
        (placeholder ? PLACEHOLDER_NOTE : '') +
        (typeof f.data?.note === 'string' ? ` (${f.data.note})` : ''),
      ...(quiet ? { severity: Severity.Information } : {}),
      ...(code ? { code, docsUrl: istDocsUrl(code) } : {}),
      ...(data ? { data } : {}),
    });
  }
}
