// cel-validation: the x-kubernetes-validations (CEL) rules of the bundled CRDs, evaluated as the API
// server does (engine/cel/). Reported on the node the rule is attached to (its key), or on the
// rule's fieldPath; the message is the rule's message (or messageExpression), and `reason` picks
// the Kubernetes wording. Transition rules (oldSelf) are skipped. A placeholder value (util/placeholder)
// is reported as information. A rule whose subject holds an enum, required, type or max-bound error the
// schema rules report is not: the API server skips CEL on such an object (hasBlockingErr), so that one
// mistake is one error (`type: Prefix` is not also "type must be one of ..."). Rules elsewhere in the
// object still run: their mistakes are the next apply's errors, reported now. A value Istio's webhook
// rejects too (a timeout of `0s`: the CRD's "greater than 1ms" and Istio's "duration must be greater than
// 1ms") is one mistake, reported once, by IST0106 with Istio's message and code; so is a rule on a mapping
// whose message Istio's error on that mapping restates (a tagOverrides entry with UPSERT and no value).
import { Severity } from '../model/diagnostic';
import type { Rule } from '../model/rule';
import { celRootView } from '../cel/registry-source';
import { evaluateCel } from '../cel/evaluate';
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import { isPlaceholder, PLACEHOLDER_NOTE, siteFromMessage } from '../util/placeholder';
import { celBlockers } from '../schema/findings';
import { webhookErrorsOnObjects, webhookErrorValues } from './shared/webhookReports';

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
    const blockers = celBlockers(ctx).flatMap((f) => {
      const r = rangeOf(f.node);
      return r ? [r] : [];
    });
    let webhookValues: ReadonlySet<unknown> | undefined;
    let webhookObjects: ReadonlyMap<unknown, readonly string[]> | undefined;
    for (const v of evaluateCel(view, res.root, ctx.doc.ast)) {
      const subject = rangeOf(v.subject);
      if (subject && blockers.some(([s, e]) => s >= subject[0] && e <= subject[1])) continue;
      // The root object has no key of its own: point at its `kind`.
      const at =
        v.at === res.root
          ? (res.root.items.find((p) => (p.key as { value?: unknown })?.value === 'kind') ?? res.root)
          : v.at;
      const value = isPair(at) ? at.value : at;
      webhookValues ??= webhookErrorValues(ctx);
      if (isScalar(value) && webhookValues.has(value)) continue;
      webhookObjects ??= webhookErrorsOnObjects(ctx);
      const objectAt = webhookObjects.get(isPair(at) ? at.key : at) ?? webhookObjects.get(v.subject);
      if (!isScalar(value) && restatedByWebhook(objectAt, v.stated, value)) continue;
      const message = v.path ? `${v.path}: ${v.message}` : v.message;
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

/**
 * Istio's message on the rule's object says what the rule says: in its words ('tagOverrides.value must be
 * set when operation is UPSERT' and the CRD's 'value must be set when operation is UPSERT'), or in other
 * words about the same fields of the object (the CRD's 'value must not be set when operation is REMOVE'
 * and Istio's 'tagOverrides.value may only be set when operation is UPSERT': a rule tying two or more of
 * the object's fields together, all of which Istio's message names).
 */
function restatedByWebhook(
  messages: readonly string[] | undefined,
  stated: string,
  object: unknown,
): boolean {
  if (!messages?.length) return false;
  const said = stated.toLowerCase();
  // A word or two ('invalid value') could be part of any message: a requirement is a sentence.
  if (said.split(/\s+/).length < 4) return false;
  if (messages.some((m) => m.toLowerCase().includes(said))) return true;
  const named = fieldsNamed(stated, object);
  return named.length >= 2 && messages.some((m) => named.every((f) => namesWord(m, f)));
}

/** The keys of a mapping that a message names as words. */
function fieldsNamed(message: string, object: unknown): string[] {
  if (!isMap(object)) return [];
  return object.items.flatMap((p) => {
    const key = isScalar(p.key) ? p.key.value : undefined;
    return typeof key === 'string' && namesWord(message, key) ? [key] : [];
  });
}

const namesWord = (message: string, word: string): boolean =>
  new RegExp(`(^|[^A-Za-z0-9_])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_])`).test(
    message,
  );

function rangeOf(n: unknown): [number, number] | undefined {
  const r = (n as { range?: [number, number, number] } | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}

/** A list item that is a whole mapping is reported on its first line, not as one big squiggle. */
export function firstLineOf(at: unknown, text: string): { node: unknown } | { span: [number, number] } {
  const r = (at as { range?: [number, number, number] }).range;
  if (!(isMap(at) || isSeq(at)) || !r) return { node: at };
  const nl = text.indexOf('\n', r[0]);
  return { span: [r[0], nl < 0 || nl > r[1] ? r[1] : nl] };
}
