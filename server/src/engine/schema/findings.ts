// Runs the structural validation once per document and shares the findings between the rules
// that report them (one rule per code: unknown-field, invalid-type, ...).
import type { RuleContext } from '../model/rule';
import type { ParsedDoc } from '../parse/parseFile';
import { mapGetPair } from '../parse/nodes';
import { resolveKind } from './resolveKind';
import { blocksCel, type Finding, type SchemaCode } from './finding';
import { validateDocument } from './validate';
import { removedFieldFate } from './removedFields';
import { otherApiFinding, removedFieldFinding } from './unknownField';
import { otherApiDeclaring, otherApiNote } from './otherApi';
import { hasPatchDirective } from './patchDocument';
import { sopsMetadata } from '../parse/sops';
import { Severity } from '../model/diagnostic';
import { isMap, isScalar, type YAMLMap } from 'yaml';
import { isPlaceholder, PLACEHOLDER_NOTE, siteFromMessage } from '../util/placeholder';

const cache = new WeakMap<ParsedDoc, Finding[]>();

export function schemaFindings(ctx: RuleContext): Finding[] {
  const { doc, resource } = ctx;
  let f = cache.get(doc);
  if (f) return f;
  f = [];
  if (resource && doc.ast.errors.length === 0) {
    const { entry, intended } = resolveKind(ctx.env.schemas, resource);
    const target = entry ?? intended;
    const root = target && ctx.env.schemas.schemaOf(target);
    // Missing required fields at the top are reported on `kind`: the document has no parent key.
    if (root)
      f = validateDocument(doc.ast, root, ctx.file.text, mapGetPair(resource.root, 'kind')?.value, {
        patch: hasPatchDirective(resource.root, ctx.file.text),
        builtin: target.source === 'kubernetes',
      }).map((x) => {
        // A field an older Istio had: say when it went and what replaces it.
        const fate =
          x.code === 'unknown-field' && x.field
            ? removedFieldFate(target.group, target.kind, x.field.path, x.field.key)
            : undefined;
        if (fate) return removedFieldFinding(x, fate);
        // A field of the other API that names this kind (a Gateway API Gateway's under Istio's apiVersion).
        const other =
          x.code === 'unknown-field' && x.field?.path === 'spec'
            ? otherApiDeclaring(ctx.env.schemas, target, x.field.key, specKeys(resource.root))
            : undefined;
        return other ? otherApiFinding(x, otherApiNote(other, target)) : x;
      });
  }
  // SOPS's metadata is removed by the decryption that precedes every apply (parse/sops.ts).
  const sops = resource && sopsMetadata(resource.root);
  if (sops) f = f.filter((x) => !(x.code === 'unknown-field' && x.node === sops.key));
  cache.set(doc, f);
  return f;
}

/** Reports the findings of one code: the body of each schema rule. */
export function reportFindings(ctx: RuleContext, code: SchemaCode, skip?: (f: Finding) => boolean): void {
  for (const f of schemaFindings(ctx)) {
    if (f.code !== code || skip?.(f)) continue;
    // A value substituted before apply (`port: ${PORT}`, `timeout: $(TIMEOUT)`): what is wrong is the
    // template as written, not what is applied; information, as the other validators report it.
    if (placeholderValue(f))
      ctx.report({ node: f.node, message: f.message + PLACEHOLDER_NOTE, severity: Severity.Information });
    else
      ctx.report({
        node: f.node,
        message: f.message,
        data: f.data,
        ...(f.warning ? { severity: Severity.Warning } : {}),
      });
  }
}

/** The errors for which the API server skips the document's CEL rules (a placeholder's is substituted away). */
export function celBlockers(ctx: RuleContext): Finding[] {
  return schemaFindings(ctx).filter((f) => blocksCel(f) && !placeholderValue(f));
}

/**
 * The finding is on a scalar value written as a placeholder. An enum takes words, so an ALL_CAPS word
 * there is a typo (ISTIO_MUTUALL), not a placeholder; a number, a boolean or a formatted string takes none.
 */
function placeholderValue(f: Finding): boolean {
  if (!VALUE_CODES.has(f.code) || !isScalar(f.node)) return false;
  const site =
    f.code === 'invalid-enum'
      ? { wordsAllowed: true }
      : f.code === 'invalid-type'
        ? { wordsAllowed: false }
        : siteFromMessage(f.message);
  return isPlaceholder(f.node.value, site);
}
const VALUE_CODES = new Set<SchemaCode>(['invalid-type', 'invalid-enum', 'invalid-format', 'invalid-value']);

/** The keys written in a resource's `spec`. */
function specKeys(root: YAMLMap): string[] {
  const spec = mapGetPair(root, 'spec')?.value;
  return isMap(spec) ? spec.items.flatMap((p) => (isScalar(p.key) ? [String(p.key.value)] : [])) : [];
}
