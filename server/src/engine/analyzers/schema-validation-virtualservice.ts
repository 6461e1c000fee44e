// schema.ValidationAnalyzer.VirtualService: the analysis-aware warnings of Istio's VirtualService
// validation: rules that can never match (IST0130) and matches shadowed by an earlier duplicate or
// overlapping prefix match (IST0131), computed by webhook/vs-unreachable.ts. Structural/CEL and
// webhook validation are the per-file rules' job.
import type { Analyzer } from '../analysis/analyzer';
import { NETWORKING, everyDefinition } from '../analysis/istio';
import { unusedRules } from '../webhook/vs-unreachable';

export const virtualServiceValidationAnalyzer: Analyzer = {
  meta: {
    name: 'schema.ValidationAnalyzer.VirtualService',
    description: "Runs schema validation as an analyzer on 'VirtualService' resources",
    codes: ['IST0130', 'IST0131'],
    inputs: ['VirtualService'],
    inAll: true,
  },
  analyze(ctx) {
    for (const r of everyDefinition(ctx, 'VirtualService', NETWORKING))
      for (const u of unusedRules(r.value.spec)) ctx.report(u.code, r, u.args, u.path);
  },
};
