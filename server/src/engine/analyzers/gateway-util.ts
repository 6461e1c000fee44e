// Helpers shared by the gateway.* analyzers: the selector of an Istio Gateway and the pods it selects.
import type { AnalysisContext, WorkspaceResource, WorkloadPod } from '../analysis/analyzer';
import { stringRecord } from '../analysis/labels';
import { obj } from '../util/json';
import type { PathSegment } from '../parse/nodes';

export const gatewaySelector = (gw: WorkspaceResource): Record<string, string> =>
  stringRecord(obj(gw.value.spec).selector);

export const selectedPods = (
  ctx: AnalysisContext,
  selector: Record<string, string>,
): readonly WorkloadPod[] => ctx.podsSelectedBy(selector);

/** Where Istio points a selector message: the first selector label (util.GatewaySelector), else the selector. */
export function selectorPath(selector: Record<string, string>): PathSegment[] {
  const first = Object.keys(selector).sort()[0];
  return first === undefined ? ['spec', 'selector'] : ['spec', 'selector', first];
}
