// IST0106 (SchemaValidationError): the errors of Istio's validating webhook (engine/webhook/), with
// Istio's own message, on the node that is wrong (Istio itself points at the whole resource).
import { Severity } from '../model/diagnostic';
import type { Rule, RuleContext } from '../model/rule';
import { istDocsUrl } from '../annotations/catalogue';
import { isScalar } from 'yaml';
import { mapGetPair } from '../parse/nodes';
import { schemaFindings } from '../schema/findings';
import { webhookFindings } from '../webhook/findings';
import { firstLineOf } from './cel-validation';

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

/**
 * A value that is substituted before apply (kustomize `$(VAR)`, `${VAR}`, an ALL_CAPS_NAME inside a
 * host name or standing for a URI/host/address, a *PLACEHOLDER*): what the webhook says about it is true
 * of the file, not of what reaches the cluster. (A bare ALL_CAPS word elsewhere is an enum value.)
 */
const CAPS_IN_HOST = /(?:^|\.)[A-Z][A-Z0-9]*_[A-Z0-9_]*(?:\.|$)/;
const CAPS_WORD = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
const ABOUT_LOCATION = /URI|URL|domain|host|address|FQDN|\bIP\b/i;
function isPlaceholder(node: unknown, message: string): boolean {
  if (!isScalar(node) || typeof node.value !== 'string') return false;
  const v = node.value;
  if (/\$\(|\$\{|PLACEHOLDER/.test(v)) return true;
  return v.includes('.') ? CAPS_IN_HOST.test(v) : CAPS_WORD.test(v) && ABOUT_LOCATION.test(message);
}

/** Reports the webhook findings of one severity: the body of IST0106 and IST0133. */
export function reportWebhook(ctx: RuleContext, severity: 'error' | 'warning', prefix: string): void {
  const findings = webhookFindings(ctx, decodable(ctx)).filter((f) => f.severity === severity);
  if (findings.length === 0) return;
  for (const f of findings) {
    const node = f.node ?? mapGetPair(ctx.resource!.root, 'kind');
    // Analysis-aware warnings carry the code istioctl analyze reports them under (IST0130/IST0131).
    const code = typeof f.data?.code === 'string' ? f.data.code : undefined;
    const placeholder = isPlaceholder(f.node, f.message);
    const quiet = placeholder || f.data?.advisory === true;
    ctx.report({
      ...firstLineOf(node, ctx.file.text),
      message:
        (code ? f.message : prefix + f.message) +
        (placeholder ? ' (the value looks like a placeholder substituted before apply)' : ''),
      ...(quiet ? { severity: Severity.Information } : {}),
      ...(code ? { code, docsUrl: istDocsUrl(code) } : {}),
      ...(f.data ? { data: f.data } : {}),
    });
  }
}
