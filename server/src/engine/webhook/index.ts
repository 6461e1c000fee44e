// Istio's validating webhook (pkg/config/validation), offline: the metadata checks every kind gets,
// then the kind's own validator. One validator per kind, each in its own file(s).
import type { KindValidator, WebhookFinding, WebhookInput } from './types';
import { metadataError } from './metadata';
import { validateAuthorizationPolicy } from './authorizationpolicy';
import { validateDestinationRule } from './destinationrule';
import { validateEnvoyFilter } from './envoyfilter';
import { validateGateway } from './gateway';
import { validatePeerAuthentication } from './peerauthentication';
import { validateProxyConfig } from './proxyconfig';
import { validateRequestAuthentication } from './requestauthentication';
import { validateServiceEntry } from './serviceentry';
import { validateSidecar } from './sidecar';
import { validateTelemetry } from './telemetry';
import { validateVirtualService } from './virtualservice';
import { validateTrafficExtension, validateWasmPlugin } from './wasmplugin';
import { validateWorkloadEntry, validateWorkloadGroup } from './workloadentry';

/** The kinds the webhook validates, by kind name (within Istio's API groups, see ISTIO_GROUPS). */
export const VALIDATORS: Readonly<Record<string, KindValidator>> = {
  AuthorizationPolicy: validateAuthorizationPolicy,
  DestinationRule: validateDestinationRule,
  EnvoyFilter: validateEnvoyFilter,
  Gateway: validateGateway,
  PeerAuthentication: validatePeerAuthentication,
  ProxyConfig: validateProxyConfig,
  RequestAuthentication: validateRequestAuthentication,
  ServiceEntry: validateServiceEntry,
  Sidecar: validateSidecar,
  Telemetry: validateTelemetry,
  TrafficExtension: validateTrafficExtension,
  VirtualService: validateVirtualService,
  WasmPlugin: validateWasmPlugin,
  WorkloadEntry: validateWorkloadEntry,
  WorkloadGroup: validateWorkloadGroup,
};

/** The API groups whose kinds Istio's webhook serves (Gateway API kinds are not Istio's). */
export const ISTIO_GROUPS: ReadonlySet<string> = new Set([
  'networking.istio.io',
  'security.istio.io',
  'telemetry.istio.io',
  'extensions.istio.io',
]);

/** Runs the webhook on one resource; null when Istio's webhook does not validate its kind. */
export function validateResource(input: WebhookInput): WebhookFinding[] | null {
  const validate = Object.hasOwn(VALIDATORS, input.kind) ? VALIDATORS[input.kind] : undefined;
  if (!validate) return null;
  const meta = metadataError(input);
  if (meta !== null)
    return [{ severity: 'error', message: meta, node: input.nodeAt(['metadata', 'annotations']) }];
  const out: WebhookFinding[] = [];
  validate(input, out);
  return out;
}

export type { KindValidator, WebhookFinding, WebhookInput } from './types';
