// The metadata checks Istio wraps around every kind's validator (validateMetadata in
// pkg/config/validation/validation.go): `istio.io/dry-run` only on ALLOW/DENY AuthorizationPolicies,
// and the internal annotations users may not set. Any of these stops validation of the resource.
import type { WebhookInput } from './types';
import { goParseBool } from './go';

const DRY_RUN = 'istio.io/dry-run';
/** Rejected on every resource: a test hook, and annotations that escalate privileges. */
const ALWAYS_REJECT = 'internal.istio.io/webhook-always-reject';
const PRIVILEGED = ['internal.istio.io/parent-namespace', 'internal.istio.io/parents'];

/** The metadata error, or null when the kind's validator may run. */
export function metadataError(input: WebhookInput): string | null {
  const { annotations: ann, namespace: ns, name } = input;
  const dryRun = ann[DRY_RUN];
  if (dryRun !== undefined) {
    if (input.kind !== 'AuthorizationPolicy')
      return `${ns}/${name} has unsupported annotation ${DRY_RUN}, please remove the annotation`;
    const action = authzAction(input.spec);
    if (action !== 'ALLOW' && action !== 'DENY')
      return `the annotation ${DRY_RUN} currently only supports action ALLOW/DENY, found action ${action} in ${ns}/${name}`;
    if (goParseBool(dryRun) === undefined)
      return `${ns}/${name} has annotation ${DRY_RUN} with invalid value (${dryRun}): strconv.ParseBool: parsing "${dryRun}": invalid syntax`;
  }
  if (ALWAYS_REJECT in ann) return `"${ALWAYS_REJECT}" annotation found, rejecting`;
  for (const a of PRIVILEGED) if (a in ann) return `"${a}" annotation found, this may not be set by users`;
  return null;
}

function authzAction(spec: unknown): string {
  const a = (spec as { action?: unknown } | null | undefined)?.action;
  return typeof a === 'string' && a !== '' ? a : 'ALLOW';
}
