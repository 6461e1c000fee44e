// A kind two APIs both name (Istio's networking.istio.io Gateway and the Kubernetes Gateway API's
// gateway.networking.k8s.io Gateway): a spec written for one under the other's apiVersion has unknown
// fields that are the other API's own (`gatewayClassName`, `listeners`). Saying so names the mistake, the
// apiVersion, where the list of allowed fields would send the user hunting for a misspelling.
import type { SchemaRegistry } from './registry';
import { apiVersionOf, type KindEntry } from './bundle';

/**
 * The preferred entry of another group serving this kind whose `spec` declares `key`, when the spec is
 * written for that API: none of its `written` keys is a field of this API that the other lacks (a Gateway
 * API Gateway with `listeners` and an Istio `selector` beside them is this API's, with one stray field).
 */
export function otherApiDeclaring(
  schemas: SchemaRegistry,
  target: KindEntry,
  key: string,
  written: readonly string[],
): KindEntry | undefined {
  const own = schemas.schemaOf(target)?.property('spec');
  for (const e of schemas.entriesOfKind(target.kind)) {
    if (e.group === target.group || !e.served || !e.preferred) continue;
    const spec = schemas.schemaOf(e)?.property('spec');
    if (!spec?.property(key)) continue;
    if (written.some((k) => own?.property(k) && !spec.property(k))) continue;
    return e;
  }
  return undefined;
}

/** The unknown-field message's ending that names the other API. */
export function otherApiNote(other: KindEntry, target: KindEntry): string {
  return `: it is a field of ${apiVersionOf(other.group, other.version)} ${other.kind}, not of ${apiVersionOf(target.group, target.version)} ${target.kind} (is the apiVersion meant to be ${apiVersionOf(other.group, other.version)}?)`;
}
