// The registry of Istio's analyzers, one per file, each named after Istio's analyzer in kebab-case
// (virtualservice.GatewayAnalyzer → virtualservice-gateway.ts). Add one import and one entry per analyzer;
// keep both lists sorted by Istio name.
import type { Analyzer } from '../analysis/analyzer';
import { annotationsAlphaAnalyzer } from './annotations-alpha';
import { annotationsK8sAnalyzer } from './annotations-k8s';
import { applicationUidAnalyzer } from './application-uid';
import { authAuthorizationPoliciesAnalyzer } from './auth-authorization-policies';
import { authnBlockedCidrsAnalyzer } from './authn-blocked-cidrs';
import { conditionsAnalyzer } from './conditions';
import { deploymentMultiServiceAnalyzer } from './deployment-multi-service';
import { deprecationAnalyzer } from './deprecation';
import { caCertificateAnalyzer } from './destinationrule-ca-certificate';
import { subsetSelectPodAnalyzer } from './destinationrule-subset-select-pod';
import { envoyFilterEnvoyPatchAnalyzer } from './envoyfilter-envoy-patch';
import { externalControlPlaneAnalyzer } from './externalcontrolplane';
import { certificateAnalyzer } from './gateway-certificate';
import { conflictingGatewayAnalyzer } from './gateway-conflicting-gateway';
import { ingressGatewayPortAnalyzer } from './gateway-ingress-gateway-port';
import { secretAnalyzer } from './gateway-secret';
import { injectionAnalyzer } from './injection';
import { injectionImageAnalyzer } from './injection-image';
import { injectionImageAutoAnalyzer } from './injection-image-auto';
import { k8sGatewayCrdVersionAnalyzer } from './k8sgateway-crd-version';
import { k8sGatewaySelectorAnalyzer } from './k8sgateway-selector';
import { meshNetworksAnalyzer } from './meshnetworks';
import { authorizationPolicyValidationAnalyzer } from './schema-validation-authorizationpolicy';
import { sidecarValidationAnalyzer } from './schema-validation-sidecar';
import { virtualServiceValidationAnalyzer } from './schema-validation-virtualservice';
import { portNameAnalyzer } from './service-port-name';
import { serviceEntryAnalyzer } from './serviceentry-protocol-addresses';
import { conflictingServiceEntryProtocolAnalyzer } from './serviceentry-conflicting-protocol';
import { multiClusterServiceAnalyzer } from './services-multi-cluster-service';
import { sidecarSelectorAnalyzer } from './sidecar-selector';
import { telemetryDefaultSelectorAnalyzer } from './telemetry-default-selector';
import { telemetryLightstepAnalyzer } from './telemetry-lightstep';
import { telemetryProviderAnalyzer } from './telemetry-provider';
import { telemetrySelectorAnalyzer } from './telemetry-selector';
import { conflictingMeshGatewayHosts } from './virtualservice-conflicting-mesh-gateway-hosts';
import { destinationHostAnalyzer } from './virtualservice-destination-host';
import { destinationRuleAnalyzer } from './virtualservice-destination-rule';
import { gatewayAnalyzer } from './virtualservice-gateway';
import { jwtClaimRouteAnalyzer } from './virtualservice-jwt-claim-route';
import { webhookAnalyzer } from './webhook';

export const ALL_ANALYZERS: readonly Analyzer[] = [
  annotationsAlphaAnalyzer, // annotations.AlphaAnalyzer
  annotationsK8sAnalyzer, // annotations.K8sAnalyzer
  applicationUidAnalyzer, // applicationUID.Analyzer
  authAuthorizationPoliciesAnalyzer, // auth.AuthorizationPoliciesAnalyzer
  authnBlockedCidrsAnalyzer, // authn.BlockedCIDRsAnalyzer
  conditionsAnalyzer, // conditions.ConditionAnalyzer
  deploymentMultiServiceAnalyzer, // deployment.MultiServiceAnalyzer
  deprecationAnalyzer, // deprecation.DeprecationAnalyzer
  caCertificateAnalyzer, // destinationrule.CaCertificateAnalyzer
  subsetSelectPodAnalyzer, // destinationrule.SubsetSelectPodAnalyzer
  envoyFilterEnvoyPatchAnalyzer, // envoyfilter.EnvoyPatchAnalyzer
  externalControlPlaneAnalyzer, // externalcontrolplane.ExternalControlPlaneAnalyzer
  certificateAnalyzer, // gateway.CertificateAnalyzer
  conflictingGatewayAnalyzer, // gateway.ConflictingGatewayAnalyzer
  ingressGatewayPortAnalyzer, // gateway.IngressGatewayPortAnalyzer
  secretAnalyzer, // gateway.SecretAnalyzer
  injectionAnalyzer, // injection.Analyzer
  injectionImageAnalyzer, // injection.ImageAnalyzer
  injectionImageAutoAnalyzer, // injection.ImageAutoAnalyzer
  k8sGatewayCrdVersionAnalyzer, // k8sgateway.CRDVersionAnalyzer
  k8sGatewaySelectorAnalyzer, // k8sgateway.SelectorAnalyzer
  meshNetworksAnalyzer, // meshnetworks.MeshNetworksAnalyzer
  authorizationPolicyValidationAnalyzer, // schema.ValidationAnalyzer.AuthorizationPolicy
  sidecarValidationAnalyzer, // schema.ValidationAnalyzer.Sidecar
  virtualServiceValidationAnalyzer, // schema.ValidationAnalyzer.VirtualService
  portNameAnalyzer, // service.PortNameAnalyzer
  serviceEntryAnalyzer, // serviceentry.Analyzer
  conflictingServiceEntryProtocolAnalyzer, // serviceentry.ConflictingServiceEntryProtocolAnalyzer
  multiClusterServiceAnalyzer, // services.MultiClusterServiceAnalyzer
  sidecarSelectorAnalyzer, // sidecar.SelectorAnalyzer
  telemetryDefaultSelectorAnalyzer, // telemetry.DefaultSelectorAnalyzer
  telemetryLightstepAnalyzer, // telemetry.LightstepAnalyzer
  telemetryProviderAnalyzer, // telemetry.ProviderAnalyzer
  telemetrySelectorAnalyzer, // telemetry.SelectorAnalyzer
  conflictingMeshGatewayHosts, // virtualservice.ConflictingMeshGatewayHostsAnalyzer
  destinationHostAnalyzer, // virtualservice.DestinationHostAnalyzer
  destinationRuleAnalyzer, // virtualservice.DestinationRuleAnalyzer
  gatewayAnalyzer, // virtualservice.GatewayAnalyzer
  jwtClaimRouteAnalyzer, // virtualservice.JWTClaimRouteAnalyzer
  webhookAnalyzer, // webhook.Analyzer
];

/** Look an analyzer up by Istio's name (e.g. 'virtualservice.GatewayAnalyzer'). */
/** Istio's `istioctl analyze` set: the analyzers run by default. */
export const IN_ALL_ANALYZERS: readonly Analyzer[] = ALL_ANALYZERS.filter((a) => a.meta.inAll);

export function analyzerByName(name: string): Analyzer | undefined {
  return ALL_ANALYZERS.find((a) => a.meta.name === name);
}
