// A policy's targetRef(s) (AuthorizationPolicy and the other policies of ambient and Gateway API).
import type { PathSegment } from '../../parse/nodes';
import { arr, obj, type Obj } from '../../util/json';

/**
 * The policy's `targetRefs`, else its one `targetRef`, each with its path; null when it has neither
 * (the webhook refuses both at once: `targetRefs` is read first, as here).
 */
export function policyTargetRefs(spec: Obj): { ref: Obj; at: PathSegment[] }[] | null {
  if (spec.targetRefs != null)
    return arr(spec.targetRefs).map((r, i) => ({ ref: obj(r), at: ['spec', 'targetRefs', i] }));
  if (spec.targetRef != null) return [{ ref: obj(spec.targetRef), at: ['spec', 'targetRef'] }];
  return null;
}
