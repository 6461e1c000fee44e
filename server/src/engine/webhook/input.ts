// Builds a validator's input from one parsed resource: the decoded spec and metadata as the webhook
// receives them (namespace defaulted as the API server does), and paths back to YAML nodes.
import type { Node } from 'yaml';
import type { ParsedDoc, ResourceHeader } from '../parse/parseFile';
import { getIn, mapGetPair } from '../parse/nodes';
import { plainValue } from '../parse/plainValue';
import { obj } from '../util/json';
import type { WebhookInput } from './types';

export function webhookInput(doc: ParsedDoc, res: ResourceHeader): WebhookInput | null {
  // Only what the webhook reads: the whole resource would cost a Deployment-sized copy.
  const meta = obj(plainValue(mapGetPair(res.root, 'metadata')?.value, doc.ast));
  const specNode = mapGetPair(res.root, 'spec')?.value;
  const spec = specNode === undefined ? undefined : plainValue(specNode, doc.ast);
  // An alias bomb: another rule reports it, and Istio would not decode it either.
  if (specNode !== undefined && spec === undefined) return null;
  return {
    kind: res.kind,
    name: typeof meta.name === 'string' ? meta.name : '',
    ...namespaceOf(meta),
    labels: strings(meta.labels),
    annotations: strings(meta.annotations),
    spec,
    nodeAt: (path): Node | undefined => getIn(res.root, path, doc.ast),
  };
}

/** A map of strings (the API server rejects other values; scalars are kept as their text). */
function strings(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(obj(v)))
    if (typeof x === 'string') out[k] = x;
    else if (typeof x === 'number' || typeof x === 'boolean') out[k] = String(x);
  return out;
}

/** metadata.namespace as the webhook receives it: defaulted by the API server, and whether it is written. */
export function namespaceOf(
  meta: Record<string, unknown>,
): Pick<WebhookInput, 'namespace' | 'namespaceKnown'> {
  const written = typeof meta.namespace === 'string' && meta.namespace !== '';
  return { namespace: written ? (meta.namespace as string) : 'default', namespaceKnown: written };
}

/**
 * The namespace `.` stands for where a check compares it with written namespaces (cfg.Namespace in
 * Istio): the written one, else a name no namespace can have, so `.` equals only itself and a check
 * reports only what holds in whichever namespace the manifest is applied to.
 */
export function ownNamespace(input: WebhookInput): string {
  return input.namespaceKnown ? input.namespace : APPLY_NAMESPACE;
}

/** Not a DNS label (it has '/'): the namespace of a manifest applied without one, unknown here. */
export const APPLY_NAMESPACE = '/applied';
