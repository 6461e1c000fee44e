// A required field is absent (reported on the key of the mapping that lacks it). Also half a header: a
// document with `metadata` and only one of `apiVersion` / `kind` is a resource `kubectl apply` rejects
// ("apiVersion not set" / "kind not set"), not a document to skip silently. The present half must look
// like a Kubernetes header (a CamelCase kind, a `group/vN` version): a Helm values file or a tool's config
// with a lower-case `kind: deployment` setting beside `metadata:` is not a resource. Nor is a tool's
// input that borrowed the header's shape (OpenShift's install-config.yaml: `apiVersion: v1`, `metadata`,
// then `baseDomain`, `platform`, `pullSecret`), read by its tool and never applied: when the half present
// names kinds the bundle knows, top-level fields none of those kinds has (nor accepts) say the document
// is none of them. A group or kind the bundle does not know (a CRD's) keeps the report. A document that
// does not parse says nothing of a missing half: the parser's recovery folds a broken line into the key
// after it (a shell here-document saved as YAML, `kubectl apply -f - <<EOF` above `apiVersion:`, reads as
// one two-line key), so the half may be written and lost; yaml-syntax reports the break, and the schema's
// required fields are not judged on such a document either (schema/findings.ts).
import { isMap, isScalar, type YAMLMap } from 'yaml';
import { splitApiVersion, type ParsedDoc } from '../parse/parseFile';
import { mapGetPair, scalarString } from '../parse/nodes';
import type { Report, Rule } from '../model/rule';
import type { KindEntry } from '../schema/bundle';
import type { SchemaRegistry } from '../schema/registry';
import { schemaRule } from '../schema/schemaRule';

const schemaPart = schemaRule('missing-required', 'A field the schema requires is missing.', false);

const KIND_SHAPE = /^[A-Z][A-Za-z0-9]*$/;
// A group is a DNS subdomain with a dot, or one of the built-in groups without one.
const API_VERSION_SHAPE =
  /^(?:(?:apps|batch|policy|autoscaling|extensions|[a-z0-9-]+(?:\.[a-z0-9-]+)+)\/)?v[0-9]+(?:(?:alpha|beta)[0-9]+)?$/;

const HEADER_KEYS = new Set(['apiVersion', 'kind', 'metadata']);

/**
 * Do the document's top-level fields fit none of `candidates` (all known to the bundle)? One field a
 * candidate has (a resource that forgot its kind, perhaps with a typo beside it) keeps the report.
 */
function fitsNoKind(root: YAMLMap, candidates: readonly KindEntry[], schemas: SchemaRegistry): boolean {
  if (!candidates.length) return false;
  const keys = root.items.flatMap((p) =>
    isScalar(p.key) && typeof p.key.value === 'string' ? [p.key.value] : [],
  );
  const body = keys.filter((k) => !HEADER_KEYS.has(k));
  if (!body.length) return false;
  return candidates.every((entry) => {
    const node = schemas.schemaOf(entry);
    if (!node || node.allowsUnknown()) return false;
    return !body.some((k) => node.property(k));
  });
}

/**
 * The header field a resource-shaped document lacks, or undefined (a resource, or no resource at all).
 * Without `schemas`, only the shape of the half present is read.
 */
export function halfHeaderMissing(
  doc: ParsedDoc,
  schemas?: SchemaRegistry,
): 'apiVersion' | 'kind' | undefined {
  if (doc.resource || doc.templated) return undefined;
  const root = doc.ast.contents;
  if (!isMap(root) || !isMap(mapGetPair(root, 'metadata')?.value)) return undefined;
  const api = scalarString(mapGetPair(root, 'apiVersion')?.value);
  const kind = scalarString(mapGetPair(root, 'kind')?.value);
  if (kind && !api && KIND_SHAPE.test(kind)) {
    const named = schemas?.entriesOfKind(kind).filter((e) => e.served) ?? [];
    return schemas && fitsNoKind(root, named, schemas) ? undefined : 'apiVersion';
  }
  if (api && !kind && API_VERSION_SHAPE.test(api)) {
    const { group, version } = splitApiVersion(api);
    const served = schemas?.entriesOfGroup(group).filter((e) => e.served && e.version === version) ?? [];
    return schemas && fitsNoKind(root, served, schemas) ? undefined : 'kind';
  }
  return undefined;
}

export const missingRequired: Rule = {
  meta: { ...schemaPart.meta, appliesTo: 'yaml' },
  check(ctx) {
    if (ctx.resource) return schemaPart.check(ctx);
    if (ctx.doc.ast.errors.length) return;
    const missing = halfHeaderMissing(ctx.doc, ctx.env.schemas);
    if (!missing) return;
    const root = ctx.doc.ast.contents;
    const present = isMap(root) ? mapGetPair(root, missing === 'kind' ? 'apiVersion' : 'kind') : undefined;
    ctx.report({
      node: present?.key,
      message: `Missing required field \`${missing}\`: a document with \`metadata\` and \`${missing === 'kind' ? 'apiVersion' : 'kind'}\` is a Kubernetes resource, and the API server rejects it (${missing} not set)`,
    });
  },
};

/**
 * A document of a manifest stream (standard input: `helm template` or `kustomize build` output) that is
 * no Kubernetes object: kubectl applies every document of it, and the API server rejects one without its
 * header ("apiVersion not set, kind not set"). Documents the rules already judge are left to them: a
 * resource, a half header, a list of objects, a document that does not parse or is empty.
 */
export function streamObjectMissing(doc: ParsedDoc, schemas: SchemaRegistry): Report | undefined {
  if (doc.resource || doc.templated || doc.ast.errors.length) return undefined;
  const root = doc.ast.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return undefined;
  if (!isMap(root))
    return {
      node: root,
      message: `This document is not a Kubernetes object: standard input is applied as Kubernetes objects, one per document, and kubectl cannot decode a ${isScalar(root) ? 'scalar' : 'list'} as one (apiVersion not set, kind not set)`,
    };
  if (halfHeaderMissing(doc, schemas)) return undefined;
  const missing = (['apiVersion', 'kind'] as const).filter((k) => !scalarString(mapGetPair(root, k)?.value));
  if (!missing.length) return undefined;
  const notSet = missing.map((k) => `${k} not set`).join(', ');
  return {
    node: root.items[0]?.key ?? root,
    message: `Missing required field${missing.length > 1 ? 's' : ''} ${missing.map((k) => `\`${k}\``).join(' and ')}: standard input is applied as Kubernetes objects, one per document, and the API server rejects this one (${notSet})`,
  };
}
