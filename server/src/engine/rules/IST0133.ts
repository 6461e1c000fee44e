// IST0133 (SchemaWarning): the warnings of Istio's validating webhook (engine/webhook/).
import { Severity } from '../model/diagnostic';
import type { Rule } from '../model/rule';
import { istDocsUrl } from '../annotations/catalogue';
import { reportWebhook } from './IST0106';

export const schemaWarning: Rule = {
  meta: {
    id: 'IST0133',
    codes: ['IST0130', 'IST0131'],
    description: "Istio's validating webhook warns about the resource.",
    severity: Severity.Warning,
    fixable: false,
    appliesTo: 'resource',
    docsUrl: istDocsUrl('IST0133'),
  },
  check: (ctx) => reportWebhook(ctx, 'warning'),
};
