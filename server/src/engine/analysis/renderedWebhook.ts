// Istio's webhook judges the rendering too: a patch can write a value it rejects (a timeout `10x`, a
// regex RE2 refuses) where the patch file itself, a list of JSON-patch operations or an inline text, is
// no document the IST0106 rule reads. These are the webhook's errors about values of the rendered
// object its unpatched base does not have, with the field path of each value; renderedValidation.ts
// reports those a patch wrote. A rendering the schema rejects (wrong type, enum) never reaches the
// webhook, as in Istio, and its schema findings are reported on the patch already.
import { Document, isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { EngineEnv } from '../model/env';
import type { ParsedDoc, ResourceHeader } from '../parse/parseFile';
import { getIn, keyString, type PathSegment } from '../parse/nodes';
import { resolveKind } from '../schema/resolveKind';
import { validateDocument } from '../schema/validate';
import { isPlaceholder, siteFromMessage } from '../util/placeholder';
import { obj } from '../util/json';
import { ISTIO_GROUPS, validateResource, type WebhookInput } from '../webhook';
import { namespaceOf, webhookInput } from '../webhook/input';
import { WEBHOOK_PREFIX } from '../rules/IST0106';

export interface ValueError {
  path: PathSegment[];
  message: string;
}

/** The webhook's new value errors on a rendering (`doc`, built from its value) against its base document. */
export function renderedWebhookErrors(
  header: ResourceHeader,
  doc: Document,
  base: { doc: ParsedDoc; header: ResourceHeader },
  env: EngineEnv,
): ValueError[] {
  if (!ISTIO_GROUPS.has(header.group) || !isMap(doc.contents)) return [];
  const { entry } = resolveKind(env.schemas, header);
  const root = entry && env.schemas.schemaOf(entry);
  if (!root) return [];
  const undecodable = validateDocument(doc as Document.Parsed, root, '', undefined).some(
    (f) => f.code === 'invalid-type' || f.code === 'invalid-enum',
  );
  if (undecodable) return [];
  const baseInput = webhookInput(base.doc, base.header);
  const known = new Set(
    ((baseInput && validateResource(baseInput)) ?? [])
      .filter((f) => f.severity === 'error')
      .map((f) => f.message),
  );
  const out: ValueError[] = [];
  for (const f of validateResource(inputOf(header, doc, doc.contents)) ?? []) {
    if (f.severity !== 'error' || !f.onValue || !f.node || known.has(f.message)) continue;
    if (isScalar(f.node) && isPlaceholder(f.node.value, siteFromMessage(f.message))) continue;
    const path = pathTo(doc.contents, f.node);
    if (path) out.push({ path, message: f.message });
  }
  return out;
}

function inputOf(header: ResourceHeader, doc: Document, root: YAMLMap): WebhookInput {
  const v = obj(root.toJSON());
  const meta = obj(v.metadata);
  const strings = (x: unknown): Record<string, string> =>
    Object.fromEntries(Object.entries(obj(x)).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return {
    kind: header.kind,
    name: typeof meta.name === 'string' ? meta.name : '',
    ...namespaceOf(meta),
    labels: strings(meta.labels),
    annotations: strings(meta.annotations),
    spec: v.spec,
    nodeAt: (path): Node | undefined => getIn(root, path, doc),
  };
}

/** The path of `target` under `root`, found by identity (the rendering's nodes carry no offsets). */
function pathTo(root: Node, target: Node): PathSegment[] | undefined {
  const stack: { node: unknown; path: PathSegment[] }[] = [{ node: root, path: [] }];
  while (stack.length) {
    const { node, path } = stack.pop()!;
    if (node === target) return path;
    if (isMap(node))
      for (const p of node.items) {
        const k = keyString(p);
        if (k !== undefined) stack.push({ node: p.value, path: [...path, k] });
      }
    else if (isSeq(node)) node.items.forEach((it, i) => stack.push({ node: it, path: [...path, i] }));
  }
  return undefined;
}

/** A webhook finding on a field: `at` is `${severity}\0${JSON path}`, the path `[]` for the whole object. */
export interface FieldFault {
  at: string;
  /** The message the per-document rules (IST0106, IST0133) give it. */
  message: string;
}

/**
 * The webhook's findings on a document by field. `rendering` is a kustomize rendering's value; without
 * it, the document as written.
 */
export function webhookFaults(
  written: { doc: ParsedDoc; header: ResourceHeader },
  rendering?: Record<string, unknown>,
): FieldFault[] {
  let input: WebhookInput | null;
  let root: Node;
  if (rendering) {
    const doc = new Document(rendering);
    if (!isMap(doc.contents)) return [];
    input = inputOf(written.header, doc, doc.contents);
    root = doc.contents;
  } else {
    input = webhookInput(written.doc, written.header);
    root = written.header.root;
  }
  return ((input && validateResource(input)) ?? []).map((f) => ({
    at: `${f.severity}\0${JSON.stringify(f.node ? (pathTo(root, f.node) ?? []) : [])}`,
    message: WEBHOOK_PREFIX[f.severity] + f.message,
  }));
}
