// A required field left out echoes in Istio's webhook: a Gateway or ServiceEntry port without `name`
// is "port name must be set", then "port names in servers must be unique: duplicate name" on each other
// nameless port; one without `protocol` is 'invalid protocol ""'. The CRD's structural schema rejects the
// object ("Required value") before the validating webhook is called, so the webhook never says these:
// one mistake, reported once, by missing-required. A webhook finding on the map that lacks a required
// field (or on the key holding it) is that echo; one on a value stands, but for a null one: a key written
// without a value (`host:`) is a field the API server prunes before it validates (a null is dropped from
// a field that is not nullable), so it is the missing field itself, and the webhook's 'empty domain name'
// of it the echo.
import { isMap, isPair, isScalar } from 'yaml';
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
  for (const map of [...lacking])
    if (isMap(map))
      for (const p of map.items)
        if (isPair(p) && (p.value == null || (isScalar(p.value) && p.value.value == null))) {
          lacking.add(p.key);
          if (p.value != null) lacking.add(p.value);
        }
  return (node) => lacking.has(node) || (isScalar(node) && lacking.has(valueOfKey.get(node)));
}
