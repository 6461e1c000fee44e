// Runs the structural validation once per document and shares the findings between the rules
// that report them (one rule per code: unknown-field, invalid-type, ...).
import type { RuleContext } from '../model/rule';
import type { ParsedDoc } from '../parse/parseFile';
import { mapGetPair } from '../parse/nodes';
import { resolveKind } from './resolveKind';
import { validateDocument, type Finding, type SchemaCode } from './validate';
import { hasPatchDirective } from './patchDocument';
import { Severity } from '../model/diagnostic';

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
    const builtin = target?.source === 'kubernetes';
    if (root)
      f = validateDocument(doc.ast, root, ctx.file.text, mapGetPair(resource.root, 'kind')?.value, {
        patch: hasPatchDirective(resource.root, ctx.file.text),
        builtin,
      });
  }
  cache.set(doc, f);
  return f;
}

/** Reports the findings of one code: the body of each schema rule. */
export function reportFindings(ctx: RuleContext, code: SchemaCode, skip?: (f: Finding) => boolean): void {
  for (const f of schemaFindings(ctx)) {
    if (f.code === code && !skip?.(f))
      ctx.report({
        node: f.node,
        message: f.message,
        data: f.data,
        ...(f.warning ? { severity: Severity.Warning } : {}),
      });
  }
}
