// The registry of Istio's analyzers, one per file, each named after Istio's analyzer in kebab-case
// (virtualservice.GatewayAnalyzer → virtualservice-gateway.ts). Add one import and one entry per analyzer;
// keep both lists sorted by Istio name.
import type { Analyzer } from '../analysis/analyzer';

export const ALL_ANALYZERS: readonly Analyzer[] = [
];

/** Look an analyzer up by Istio's name (e.g. 'virtualservice.GatewayAnalyzer'). */
export function analyzerByName(name: string): Analyzer | undefined {
  return ALL_ANALYZERS.find((a) => a.meta.name === name);
}
