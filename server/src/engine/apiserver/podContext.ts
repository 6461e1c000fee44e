// What the pod-spec checks (pod.ts and the pod*.ts files beside it, pkg/apis/core/validation) share:
// the error list and feature gates they carry, the name fixes they offer, Go's one-of-several members.
import type { ErrorList } from './field';
import type { Features } from './features';
import { isDNS1123Label } from './names';
import type { V } from './value';

export const NON_NEGATIVE = 'must be greater than or equal to 0';

export interface PodContext {
  errs: ErrorList;
  features: Features;
}

/** A name not yet taken: `web` → `web-2`. */
export function uniqueNameFix(n: string, taken: Set<string>): { replacements: string[] } | undefined {
  if (!n) return undefined;
  for (let i = 2; i < 100; i++) if (!taken.has(`${n}-${i}`)) return { replacements: [`${n}-${i}`] };
  return undefined;
}

/** Lower-cased, invalid characters as '-': the certain fix of a DNS-1123 label. */
export function toDNSLabel(n: string): string | undefined {
  const s = n
    .toLowerCase()
    .replace(/[^-a-z0-9]/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return s && s !== n && !isDNS1123Label(s).length ? s : undefined;
}

/**
 * Go's one-of-several members (a volume's source, a probe's handler): the first one set is checked,
 * each further one is forbidden. Returns whether any is set.
 */
export function oneMember(
  c: PodContext,
  parent: V,
  members: readonly string[],
  what: string,
  check: (member: string, v: V) => void,
): boolean {
  let count = 0;
  for (const m of members) {
    const v = parent.child(m);
    if (!v.exists) continue;
    if (count++ > 0) c.errs.forbidden(v, `may not specify more than 1 ${what}`);
    else check(m, v);
  }
  return count > 0;
}
