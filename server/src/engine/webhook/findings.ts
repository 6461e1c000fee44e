// Runs the webhook once per document and shares the findings between the rules that report them
// (IST0106 errors, IST0133 warnings).
import type { RuleContext } from '../model/rule';
import type { ParsedDoc } from '../parse/parseFile';
import { mapGetPair } from '../parse/nodes';
import { ISTIO_GROUPS, validateResource, type WebhookFinding } from './index';
import { webhookInput } from './input';

const cache = new WeakMap<ParsedDoc, WebhookFinding[]>();

/**
 * The webhook's findings for the document's resource ([] for kinds it does not serve).
 * `reachable` says whether Istio would get as far as its webhook: a spec it cannot decode
 * (wrong types, unknown enum values) is rejected before any validator runs.
 */
export function webhookFindings(ctx: RuleContext, reachable: () => boolean): WebhookFinding[] {
  const { doc, resource } = ctx;
  let f = cache.get(doc);
  if (f) return f;
  f = [];
  // A strategic-merge patch (`$patch: delete`...) is a kustomize input, not what reaches the webhook.
  const patch = resource && mapGetPair(resource.root, '$patch');
  if (resource && !patch && ISTIO_GROUPS.has(resource.group) && doc.ast.errors.length === 0 && reachable()) {
    const input = webhookInput(doc, resource);
    f = (input && validateResource(input)) ?? [];
  }
  cache.set(doc, f);
  return f;
}
