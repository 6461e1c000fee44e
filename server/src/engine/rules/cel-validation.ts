// cel-validation: the x-kubernetes-validations (CEL) rules of the bundled CRDs, evaluated as the API
// server does (engine/cel/). Reported on the node the rule is attached to (its key), or on the
// rule's fieldPath; the message is the rule's message (or messageExpression), and `reason` picks
// the Kubernetes wording. Transition rules (oldSelf) are skipped. A placeholder value (util/placeholder)
// is reported as information.
import { Severity } from '../model/diagnostic';
import type { Rule } from '../model/rule';
import { celRootView } from '../cel/registry-source';
import { evaluateCel } from '../cel/evaluate';
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import { isPlaceholder, PLACEHOLDER_NOTE, siteFromMessage } from '../util/placeholder';

export const celValidation: Rule = {
  meta: {
    id: 'cel-validation',
    description: "A CEL validation rule (x-kubernetes-validations) of the resource's CRD fails.",
    severity: Severity.Error,
    fixable: false,
    appliesTo: 'resource',
    docsUrl:
      'https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#validation-rules',
  },
  check(ctx) {
    const res = ctx.resource!;
    const view = celRootView(ctx.env.schemas, res.group, res.version, res.kind);
    if (!view) return;
    for (const v of evaluateCel(view, res.root, ctx.doc.ast)) {
      // The root object has no key of its own: point at its `kind`.
      const at =
        v.at === res.root
          ? (res.root.items.find((p) => (p.key as { value?: unknown })?.value === 'kind') ?? res.root)
          : v.at;
      const message = v.path ? `${v.path}: ${v.message}` : v.message;
      const value = isPair(at) ? at.value : at;
      const placeholder = isScalar(value) && isPlaceholder(value.value, siteFromMessage(message));
      ctx.report({
        ...firstLineOf(at, ctx.file.text),
        message: placeholder ? message + PLACEHOLDER_NOTE : message,
        ...(placeholder ? { severity: Severity.Information } : {}),
        data: { rule: v.rule, reason: v.reason, ...(v.evalError ? { evalError: true } : {}) },
      });
    }
  },
};

/** A list item that is a whole mapping is reported on its first line, not as one big squiggle. */
export function firstLineOf(at: unknown, text: string): { node: unknown } | { span: [number, number] } {
  const r = (at as { range?: [number, number, number] }).range;
  if (!(isMap(at) || isSeq(at)) || !r) return { node: at };
  const nl = text.indexOf('\n', r[0]);
  return { span: [r[0], nl < 0 || nl > r[1] ? r[1] : nl] };
}
