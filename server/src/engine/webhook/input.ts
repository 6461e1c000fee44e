// Builds a validator's input from one parsed resource: the decoded spec and metadata as the webhook
// receives them (namespace defaulted as the API server does), and paths back to YAML nodes.
import type { Node } from 'yaml';
import type { ParsedDoc, ResourceHeader } from '../parse/parseFile';
import { getIn } from '../parse/nodes';
import { obj } from '../util/values';
import type { WebhookInput } from './types';

/** go-yaml's alias budget for one document (the excessive-aliasing rule reports beyond it). */
const MAX_ALIAS_COUNT = 100;

export function webhookInput(doc: ParsedDoc, res: ResourceHeader): WebhookInput | null {
  let value: unknown;
  try {
    value = res.root.toJS(doc.ast, { maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    return null; // an alias bomb: another rule reports it, and Istio would not decode it either
  }
  const root = obj(value);
  const meta = obj(root.metadata);
  return {
    kind: res.kind,
    name: typeof meta.name === 'string' ? meta.name : '',
    namespace: typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : 'default',
    labels: strings(meta.labels),
    annotations: strings(meta.annotations),
    spec: root.spec,
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
