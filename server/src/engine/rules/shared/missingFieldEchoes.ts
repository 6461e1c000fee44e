// A required field left out echoes in Istio's webhook: a Gateway or ServiceEntry port without `name`
// is "port name must be set", then "port names in servers must be unique: duplicate name" on each other
// nameless port; one without `protocol` is 'invalid protocol ""'. The CRD's structural schema rejects the
// object ("Required value") before the validating webhook is called, so the webhook never says these:
// one mistake, reported once, by missing-required. A webhook finding on the map that lacks a required
// field (or on the key holding it) is that echo; one on a value stands.
import { isScalar } from 'yaml';
import { codeReported } from '../../model/env';
import type { RuleContext } from '../../model/rule';
import { schemaFindings } from '../../schema/findings';
import { keyValues } from './unknownKeyEchoes';

/** Whether a webhook finding on `node` (a key stands for its value) is about a map missing a required field. */
export function missingFieldEcho(ctx: RuleContext): (node: unknown) => boolean {
  // Switched off (or left out by --only), missing-required reports nothing: the echo is then the one finding.
  if (!codeReported(ctx.env.settings, 'missing-required')) return () => false;
  const reported = schemaFindings(ctx).flatMap((f) => (f.code === 'missing-required' ? [f.node] : []));
  if (reported.length === 0 || !ctx.resource) return () => false;
  // missing-required is reported on the key of the map that lacks the field, or on the map itself.
  const valueOfKey = keyValues(ctx.resource.root);
  const lacking = new Set(reported.map((n) => (isScalar(n) && valueOfKey.has(n) ? valueOfKey.get(n) : n)));
  return (node) => lacking.has(node) || (isScalar(node) && lacking.has(valueOfKey.get(node)));
}
