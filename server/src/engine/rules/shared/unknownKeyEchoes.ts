// A misspelt or misplaced key echoes in the validators that read the decoded object: `htttp:` leaves a
// VirtualService without routes (Istio's webhook: "http, tcp or tls must be provided"), `imagee:` a
// container without an image (the API server: "image: Required value"). They see the object without the
// unknown field, and a strict apply refuses the field before either runs: one mistake, reported once, on
// the key (unknown-field). A finding on a map that holds an unknown key is that echo; one on a value, or
// on a map without one, stands.
import { isMap, isPair, isScalar, type YAMLMap } from 'yaml';
import { walkCollections } from '../../parse/walk';
import { codeReported } from '../../model/env';
import type { RuleContext } from '../../model/rule';
import { schemaFindings } from '../../schema/findings';

/** Whether a webhook finding on `node` (a key stands for its value) is about a map holding an unknown key. */
export function unknownKeyEcho(ctx: RuleContext): (node: unknown) => boolean {
  // Switched off (or left out by --only), unknown-field reports nothing: the echo is then the one finding.
  if (!codeReported(ctx.env.settings, 'unknown-field')) return () => false;
  const unknown = new Set(schemaFindings(ctx).flatMap((f) => (f.code === 'unknown-field' ? [f.node] : [])));
  if (unknown.size === 0 || !ctx.resource) return () => false;
  let valueOfKey: Map<unknown, unknown> | undefined;
  const holdsUnknown = (n: unknown) => isMap(n) && n.items.some((p) => unknown.has(p.key));
  return (node) => {
    if (holdsUnknown(node)) return true;
    if (!isScalar(node)) return false;
    valueOfKey ??= keyValues(ctx.resource!.root);
    return holdsUnknown(valueOfKey.get(node));
  };
}

/** Each key node of the tree and its value. */
export function keyValues(root: YAMLMap): Map<unknown, unknown> {
  const out = new Map<unknown, unknown>();
  walkCollections(root, (n) => {
    if (isMap(n)) for (const p of n.items) if (isPair(p)) out.set(p.key, p.value);
  });
  return out;
}
