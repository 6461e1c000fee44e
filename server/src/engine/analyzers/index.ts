// The registry of Istio's analyzers, one per file, each named after Istio's analyzer in kebab-case
// (virtualservice.GatewayAnalyzer → virtualservice-gateway.ts). Add one import and one entry per analyzer;
// keep both lists sorted by Istio name.
import type { Analyzer } from '../analysis/analyzer';
import { annotationsAlphaAnalyzer } from './annotations-alpha';
import { annotationsK8sAnalyzer } from './annotations-k8s';
import { caCertificateAnalyzer } from './destinationrule-ca-certificate';
import { subsetSelectPodAnalyzer } from './destinationrule-subset-select-pod';
import { conflictingMeshGatewayHosts } from './virtualservice-conflicting-mesh-gateway-hosts';
import { destinationHostAnalyzer } from './virtualservice-destination-host';
import { destinationRuleAnalyzer } from './virtualservice-destination-rule';
import { gatewayAnalyzer } from './virtualservice-gateway';
import { jwtClaimRouteAnalyzer } from './virtualservice-jwt-claim-route';

export const ALL_ANALYZERS: readonly Analyzer[] = [
  caCertificateAnalyzer,
  subsetSelectPodAnalyzer,
  annotationsAlphaAnalyzer,
  annotationsK8sAnalyzer,
  conflictingMeshGatewayHosts,
  destinationHostAnalyzer,
  destinationRuleAnalyzer,
  gatewayAnalyzer,
  jwtClaimRouteAnalyzer,
];

/** Look an analyzer up by Istio's name (e.g. 'virtualservice.GatewayAnalyzer'). */
export function analyzerByName(name: string): Analyzer | undefined {
  return ALL_ANALYZERS.find((a) => a.meta.name === name);
}
