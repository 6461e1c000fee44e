// Which of the webhook's findings the IST0106 and IST0133 rules report: Istio decodes the spec before it
// validates (a wrong type or enum value stops it there), and a finding that echoes an unknown key or a
// missing required field is that key's or field's mistake (unknownKeyEchoes.ts, missingFieldEchoes.ts).
// invalid-value and cel-validation read the same list: a value both the CRD and Istio's webhook refuse is
// one mistake, reported once, by IST0106 with Istio's message (the same mistake in two words, unlike an
// echo, which restates another one). On a mapping, where the two could be different mistakes of one
// object, only a CRD rule whose message Istio's message restates is left to IST0106.
import { isScalar } from 'yaml';
import { codeReported } from '../../model/env';
import type { RuleContext } from '../../model/rule';
import type { ParsedDoc } from '../../parse/parseFile';
import { schemaFindings } from '../../schema/findings';
import type { WebhookFinding } from '../../webhook/index';
import { webhookFindings } from '../../webhook/findings';
import { unknownKeyEcho } from './unknownKeyEchoes';
import { missingFieldEcho } from './missingFieldEchoes';

/** Istio decodes the spec before validating it: a wrong type or enum value stops it there. */
const decodable = (ctx: RuleContext) => (): boolean =>
  !schemaFindings(ctx).some((f) => f.code === 'invalid-type' || f.code === 'invalid-enum');

type Severity = 'error' | 'warning';

/** Per document, as the webhook's findings are: up to four rules ask (IST0106, IST0133, invalid-value, cel-validation). */
const reported = new WeakMap<ParsedDoc, Partial<Record<Severity, WebhookFinding[]>>>();

/** The webhook findings of one severity that the document's IST0106 (errors) or IST0133 (warnings) report. */
export function reportedWebhookFindings(ctx: RuleContext, severity: Severity): WebhookFinding[] {
  let bySeverity = reported.get(ctx.doc);
  if (!bySeverity) reported.set(ctx.doc, (bySeverity = {}));
  return (bySeverity[severity] ??= echoesLeftOut(ctx, severity));
}

function echoesLeftOut(ctx: RuleContext, severity: Severity): WebhookFinding[] {
  const findings = webhookFindings(ctx, decodable(ctx)).filter((f) => f.severity === severity);
  if (findings.length === 0) return findings;
  const echo = unknownKeyEcho(ctx);
  const missing = missingFieldEcho(ctx);
  return findings.filter((f) => !echo(f.node) && !missing(f.node));
}

/**
 * The messages of the errors IST0106 reports on a mapping or list (a tagOverrides entry, a spec), by the
 * node they are reported on (the object's key, or the object): a CRD rule on the same object that states
 * the same requirement is the same mistake (none when IST0106 is switched off or left out by --only).
 */
export function webhookErrorsOnObjects(ctx: RuleContext): ReadonlyMap<unknown, readonly string[]> {
  const out = new Map<unknown, string[]>();
  if (!codeReported(ctx.env.settings, 'IST0106')) return out;
  for (const f of reportedWebhookFindings(ctx, 'error')) {
    if (f.onValue || !f.node) continue;
    const list = out.get(f.node);
    if (list) list.push(f.message);
    else out.set(f.node, [f.message]);
  }
  return out;
}

/**
 * The values IST0106 reports as errors, which the CRD's own checks of the same value leave to it (none
 * when IST0106 is switched off or left out by --only: the mistake is then the CRD's to report).
 */
export function webhookErrorValues(ctx: RuleContext): ReadonlySet<unknown> {
  if (!codeReported(ctx.env.settings, 'IST0106')) return new Set();
  return new Set(reportedWebhookFindings(ctx, 'error').flatMap((f) => (isScalar(f.node) ? [f.node] : [])));
}
