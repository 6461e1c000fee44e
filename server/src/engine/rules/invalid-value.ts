// A value outside the schema's bounds: minimum/maximum, length, pattern, item counts, duplicate list entries.
// A built-in kind's duplicate that the API server's own validation rejects is its finding
// (k8s-validation, in its words), not reported twice; so is a value Istio's webhook rejects too (a
// sampling percentage over 100): IST0106 reports it, with Istio's message and code.
import type { Rule } from '../model/rule';
import { validateResource } from '../apiserver';
import { schemaRule } from '../schema/schemaRule';
import { reportFindings, schemaFindings } from '../schema/findings';
import { webhookErrorValues } from './shared/webhookReports';

const base = schemaRule('invalid-value', 'A value outside the bounds the schema sets.', false);

export const invalidValue: Rule = {
  meta: base.meta,
  check(ctx) {
    const builtinDuplicate = schemaFindings(ctx).some((f) => f.duplicate && f.warning);
    const rejected = builtinDuplicate
      ? new Set(
          validateResource(ctx.resource!, ctx.doc.ast, ctx.env.settings.kubernetesVersion).map((e) => e.node),
        )
      : undefined;
    const webhook = webhookErrorValues(ctx);
    reportFindings(
      ctx,
      'invalid-value',
      (f) => (!!f.duplicate && !!rejected?.has(f.node)) || webhook.has(f.node),
    );
  },
};
