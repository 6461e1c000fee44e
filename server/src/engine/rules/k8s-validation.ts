// The Kubernetes API server's own validation of built-in kinds (pkg/apis/*/validation), and of a
// custom resource's metadata: what `kubectl apply` rejects although the OpenAPI schema accepts it. One
// code; the message is Kubernetes' field error (`spec.ports[0].port: Invalid value: 70000: must be
// between 1 and 65535, inclusive`), the range the offending node. Rules follow `kubernetesVersion`
// (feature gates). A value that looks like a placeholder substituted before apply (`${NAME}`,
// `<your-namespace>`) is information with a note, as the webhook's and CEL's findings on one are.
import { Severity } from '../model/diagnostic';
import type { Rule } from '../model/rule';
import { type CrdScope, errorText, validateResource } from '../apiserver';
import { resolveKind } from '../schema/resolveKind';
import { fromCrd } from '../schema/bundle';
import { isPlaceholder, PLACEHOLDER_NOTE, siteFromMessage } from '../util/placeholder';
import { schemaFindings } from '../schema/findings';
import { hasPatchDirective } from '../schema/patchDocument';
import { spanOf } from '../model/report';
import { unknownKeyEcho } from './shared/unknownKeyEchoes';
import { codeReported } from '../model/env';

export const k8sValidation: Rule = {
  meta: {
    id: 'k8s-validation',
    description: "A field value the Kubernetes API server's validation rejects.",
    severity: Severity.Error,
    fixable: true,
    appliesTo: 'resource',
    docsUrl: 'https://kubernetes.io/docs/concepts/overview/working-with-objects/names/',
  },
  check(ctx) {
    if (ctx.doc.ast.errors.length) return;
    // A document missing a required field is a kustomize patch or already rejected (missing-required
    // says so): the API server's finer checks of its other fields would only add noise.
    if (schemaFindings(ctx).some((f) => f.code === 'missing-required')) return;
    if (hasPatchDirective(ctx.resource!.root, ctx.file.text)) return;
    // A node of the wrong type is the schema's finding (invalid-type); errors on or under it are noise.
    const wrongType = schemaFindings(ctx)
      .filter((f) => f.code === 'invalid-type')
      .flatMap((f) => {
        const sp = spanOf(f.node);
        return sp ? [sp] : [];
      });
    // A value the schema calls malformed (invalid-format: a Secret's `data` value that is no base64) is
    // one mistake: the API server's error on that value (its decoder's) is left to invalid-format, unless
    // that code is switched off or left out by --only.
    const malformed = codeReported(ctx.env.settings, 'invalid-format')
      ? schemaFindings(ctx)
          .filter((f) => f.code === 'invalid-format')
          .flatMap((f) => {
            const sp = spanOf(f.node);
            return sp ? [sp[0]] : [];
          })
      : [];
    // A map holding a misspelt key (`imagee:`) lacks the field it meant: unknown-field reports that once.
    const echo = unknownKeyEcho(ctx);
    const seen = new Set<string>();
    const entry = resolveKind(ctx.env.schemas, ctx.resource!).entry;
    // A custom resource's metadata is the API server's to check; istioctl's inputs never reach it.
    const crdScope: CrdScope | undefined =
      entry && fromCrd(entry) ? (entry.scope ?? 'Namespaced') : undefined;
    const version = ctx.env.settings.kubernetesVersion;
    for (const e of validateResource(ctx.resource!, ctx.doc.ast, version, crdScope)) {
      const span = trimmedSpan(ctx.file.text, e.node);
      if (span && wrongType.some(([s, t]) => span[0] >= s && span[1] <= t)) continue;
      if (echo(e.node) || echo(e.holder)) continue;
      if (span && malformed.includes(span[0])) continue;
      const message = errorText(e);
      // ErrorList.ToAggregate drops repeated messages.
      if (seen.has(message)) continue;
      seen.add(message);
      const placeholder = isPlaceholder(e.value, siteFromMessage(e.detail));
      if (placeholder)
        ctx.report({
          span,
          node: e.node,
          message: message + PLACEHOLDER_NOTE,
          severity: Severity.Information,
        });
      else ctx.report({ span, node: e.node, message, data: e.data });
    }
  },
};

/** A block collection's span ends after its last line break: the range stops at its last character. */
function trimmedSpan(text: string, node: unknown): [number, number] | undefined {
  const span = spanOf(node);
  if (!span) return undefined;
  let end = span[1];
  while (end > span[0] && /\s/.test(text[end - 1])) end--;
  return [span[0], end];
}
