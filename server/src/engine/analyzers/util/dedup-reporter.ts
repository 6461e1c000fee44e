// Istio hands out its messages sorted and deduplicated (diag.Messages.SortedDedupedCopy): two
// messages with the same code, resource, line and text are one. An analyzer sets a line only when
// its field path ends on a scalar (the field map holds scalar leaves only); otherwise the message
// sits on the resource's first line. This reporter drops the same duplicates.
import { isScalar } from 'yaml';
import type { AnalysisContext, WorkspaceResource } from '../../analysis/analyzer';
import type { PathSegment } from '../../parse/nodes';

export class DedupReporter {
  private readonly seen = new WeakMap<WorkspaceResource, Set<string>>();

  constructor(private readonly ctx: AnalysisContext) {}

  /**
   * Reports unless an identical message was already reported on `res`. `linePath` is the field path
   * Istio takes the message's line from, when it sets one.
   */
  report(
    code: string,
    res: WorkspaceResource,
    args: readonly unknown[],
    at?: readonly PathSegment[],
    linePath?: readonly PathSegment[],
  ): void {
    const line = linePath && isScalar(res.node(linePath)) ? linePath.join('.') : '';
    const key = `${code}\u0000${line}\u0000${JSON.stringify(args)}`;
    let keys = this.seen.get(res);
    if (!keys) this.seen.set(res, (keys = new Set()));
    if (keys.has(key)) return;
    keys.add(key);
    this.ctx.report(code, res, args, at);
  }
}

/** An AnalysisContext whose report() deduplicates like Istio; `linePath` as in DedupReporter.report. */
export interface DedupContext extends AnalysisContext {
  report: DedupReporter['report'];
}

export function withDedup(ctx: AnalysisContext): DedupContext {
  const reporter = new DedupReporter(ctx);
  const report = reporter.report.bind(reporter);
  return new Proxy(ctx, {
    get(target, prop) {
      if (prop === 'report') return report;
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
