// A required field is absent (reported on the key of the mapping that lacks it). Also half a header: a
// document with `metadata` and only one of `apiVersion` / `kind` is a resource `kubectl apply` rejects
// ("apiVersion not set" / "kind not set"), not a document to skip silently. The present half must look
// like a Kubernetes header (a CamelCase kind, a `group/vN` version): a Helm values file or a tool's config
// with a lower-case `kind: deployment` setting beside `metadata:` is not a resource.
import { isMap } from 'yaml';
import type { ParsedDoc } from '../parse/parseFile';
import { mapGetPair, scalarString } from '../parse/nodes';
import type { Rule } from '../model/rule';
import { schemaRule } from '../schema/schemaRule';

const schemaPart = schemaRule('missing-required', 'A field the schema requires is missing.', false);

const KIND_SHAPE = /^[A-Z][A-Za-z0-9]*$/;
// A group is a DNS subdomain with a dot, or one of the built-in groups without one.
const API_VERSION_SHAPE =
  /^(?:(?:apps|batch|policy|autoscaling|extensions|[a-z0-9-]+(?:\.[a-z0-9-]+)+)\/)?v[0-9]+(?:(?:alpha|beta)[0-9]+)?$/;

/** The header field a resource-shaped document lacks, or undefined (a resource, or no resource at all). */
export function halfHeaderMissing(doc: ParsedDoc): 'apiVersion' | 'kind' | undefined {
  if (doc.resource || doc.templated) return undefined;
  const root = doc.ast.contents;
  if (!isMap(root) || !isMap(mapGetPair(root, 'metadata')?.value)) return undefined;
  const api = scalarString(mapGetPair(root, 'apiVersion')?.value);
  const kind = scalarString(mapGetPair(root, 'kind')?.value);
  if (kind && !api && KIND_SHAPE.test(kind)) return 'apiVersion';
  if (api && !kind && API_VERSION_SHAPE.test(api)) return 'kind';
  return undefined;
}

export const missingRequired: Rule = {
  meta: { ...schemaPart.meta, appliesTo: 'yaml' },
  check(ctx) {
    if (ctx.resource) return schemaPart.check(ctx);
    const missing = halfHeaderMissing(ctx.doc);
    if (!missing) return;
    const root = ctx.doc.ast.contents;
    const present = isMap(root) ? mapGetPair(root, missing === 'kind' ? 'apiVersion' : 'kind') : undefined;
    ctx.report({
      node: present?.key,
      message: `Missing required field \`${missing}\`: a document with \`metadata\` and \`${missing === 'kind' ? 'apiVersion' : 'kind'}\` is a Kubernetes resource, and the API server rejects it (${missing} not set)`,
    });
  },
};
