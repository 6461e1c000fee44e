// The API groups analyzers look resources up in, apart from the helpers of istio.ts (which re-exports
// them), so the objects the workspace models for controllers (gatewayController.ts) can name them too.
export const NETWORKING = 'networking.istio.io';
export const SECURITY = 'security.istio.io';
export const TELEMETRY = 'telemetry.istio.io';
/** The Kubernetes Gateway API's group (Gateway, HTTPRoute...). */
export const GATEWAY_API = 'gateway.networking.k8s.io';
