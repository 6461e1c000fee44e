// Container resource requirements (pkg/apis/core/validation/validation.go): ValidateResourceRequirements
// (non-negative quantities, requests within limits) and validateContainerResourceName.
import { canonicalQuantity } from '../util/quantity';
import { isQualifiedName } from './names';
import { compareQuantity, quantityValue } from './quantity';
import type { V } from './value';
import { NON_NEGATIVE, type PodContext } from './podContext';

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

export function validateResources(c: PodContext, res: V): void {
  const limits = res.child('limits');
  const requests = res.child('requests');
  const lim = new Map<string, V>(limits.entries().map((e) => [e.key, e.value]));
  for (const [group, path] of [
    [limits, limits],
    [requests, requests],
  ] as const) {
    for (const { key, value } of group.entries()) {
      const at = path.keyed(key, undefined, value.keyNode);
      validateResourceName(c, at, key);
      const q = quantityValue(value.scalar());
      if (q && q.num < 0n)
        c.errs.invalid(
          path.keyed(key, value.node),
          canonicalQuantity(value.scalar()) ?? String(value.scalar()),
          NON_NEGATIVE,
        );
    }
  }
  for (const { key, value } of requests.entries()) {
    const q = quantityValue(value.scalar());
    const overcommit = isNativeResource(key) && !key.startsWith('hugepages-');
    const lv = lim.get(key);
    if (!lv) {
      if (!overcommit) c.errs.required(limits, 'Limit must be set for non overcommitable resources');
      continue;
    }
    const l = quantityValue(lv.scalar());
    if (!q || !l) continue;
    const shown = canonicalQuantity(value.scalar()) ?? String(value.scalar());
    const limitShown = canonicalQuantity(lv.scalar()) ?? String(lv.scalar());
    const cmp = compareQuantity(q, l);
    const at = requests.pointAt(value.node);
    if (cmp !== 0 && !overcommit) c.errs.invalid(at, shown, `must be equal to ${key} limit of ${limitShown}`);
    else if (cmp > 0)
      c.errs.invalid(at, shown, `must be less than or equal to ${key} limit of ${limitShown}`);
  }
}

/** validateContainerResourceName. */
function validateResourceName(c: PodContext, at: V, name: string): void {
  const msgs = isQualifiedName(name);
  if (msgs.length) {
    c.errs.invalidAll(at, name, msgs);
    return;
  }
  // Names without a domain, and kubernetes.io ones, must be standard; others are extended resources.
  if (isNativeResource(name) && !STANDARD_CONTAINER_RESOURCES.has(name) && !name.startsWith('hugepages-'))
    c.errs.invalid(at, name, 'must be a standard resource for containers');
}
