// APIs Istio and Kubernetes removed, with the release that removed each and what replaces it: a document
// of one is an error that says both, so an old manifest says what to move to, and since when.

export interface RemovedApi {
  group: string;
  kinds?: readonly string[];
  release: string;
  use: string;
  /** What became of it, when "was removed in <release>" would not be the whole truth. */
  fate?: string;
}

/** Mixer's policy adapters and templates (denier, list checks, the rbac adapter): access control. */
const MIXER_POLICY_KINDS = [
  'denier',
  'checknothing',
  'listchecker',
  'listentry',
  'rbac',
  'authorization',
  'opa',
];
/** Mixer's quota adapters and templates and the client-side quota specs: rate limits. */
const MIXER_QUOTA_KINDS = ['memquota', 'redisquota', 'quota', 'QuotaSpec', 'QuotaSpecBinding'];
/** Mixer's telemetry templates and adapters: metrics, logs and traces. */
const MIXER_TELEMETRY_KINDS = [
  'metric',
  'logentry',
  'tracespan',
  'prometheus',
  'stackdriver',
  'fluentd',
  'stdio',
  'statsd',
  'dogstatsd',
  'signalfx',
  'solarwinds',
  'circonus',
  'cloudwatch',
];

/**
 * Istio APIs that releases removed (Istio release notes: 0.8 the end-user authentication proof of
 * concept, istio/api#456, that the authentication Policy's origins replaced, and Mixer's RBAC kinds,
 * which moved to rbac.istio.io; 1.0 the routing API of 0.x that networking.istio.io/v1alpha3 replaced;
 * 1.6 the v1alpha1 security API; 1.8 Mixer). Their documents are errors naming the release and the
 * replacement, not a "not bundled" note like a third-party CRD. `kinds` limits an entry to some kinds
 * of its group; the first entry that matches wins.
 */
export const REMOVED_ISTIO_APIS: readonly RemovedApi[] = [
  {
    group: 'config.istio.io',
    kinds: ['EndUserAuthenticationPolicySpec', 'EndUserAuthenticationPolicySpecBinding'],
    release: 'Istio 0.8',
    use: 'RequestAuthentication (security.istio.io/v1) to validate the JWT, with an AuthorizationPolicy requiring requestPrincipals to demand one',
  },
  // 0.x routing: each kind has its own successor in networking.istio.io.
  {
    group: 'config.istio.io',
    kinds: ['RouteRule'],
    release: 'Istio 1.0',
    use: 'VirtualService (networking.istio.io/v1), routing to DestinationRule subsets where it routed by version labels',
  },
  {
    group: 'config.istio.io',
    kinds: ['DestinationPolicy'],
    release: 'Istio 1.0',
    use: 'DestinationRule (networking.istio.io/v1)',
  },
  {
    group: 'config.istio.io',
    kinds: ['EgressRule'],
    release: 'Istio 1.0',
    use: 'ServiceEntry (networking.istio.io/v1)',
  },
  // Istio 0.7's RBAC, read by Mixer's rbac adapter; 0.8 moved the kinds to rbac.istio.io (below).
  {
    group: 'config.istio.io',
    kinds: ['ServiceRole', 'ServiceRoleBinding'],
    release: 'Istio 0.8',
    fate: 'moved to rbac.istio.io in Istio 0.8, which Istio 1.6 removed',
    use: 'AuthorizationPolicy (security.istio.io/v1)',
  },
  {
    group: 'config.istio.io',
    kinds: MIXER_POLICY_KINDS,
    release: 'Istio 1.8 (Mixer)',
    use: 'an AuthorizationPolicy (security.istio.io/v1): ALLOW or DENY rules, or action CUSTOM with an ext_authz provider',
  },
  {
    group: 'config.istio.io',
    kinds: MIXER_QUOTA_KINDS,
    release: 'Istio 1.8 (Mixer)',
    use: "Envoy's local or global rate limiting, set up with an EnvoyFilter (networking.istio.io/v1alpha3)",
  },
  {
    group: 'config.istio.io',
    kinds: MIXER_TELEMETRY_KINDS,
    release: 'Istio 1.8 (Mixer)',
    use: "the Telemetry API (telemetry.istio.io/v1) and the proxies' own metrics, access logs and traces",
  },
  {
    group: 'config.istio.io',
    release: 'Istio 1.8 (Mixer)',
    // A rule, handler or instance may serve any of Mixer's uses (telemetry, policy checks, quotas): an
    // out-of-process policy adapter (authorization template, 3scale, Apigee) became an ext_authz
    // provider that a CUSTOM AuthorizationPolicy calls.
    use: "the Telemetry API (telemetry.istio.io/v1) for telemetry, an AuthorizationPolicy (security.istio.io/v1: ALLOW or DENY rules, or action CUSTOM with an ext_authz provider) for policy checks, Envoy's rate limiting (an EnvoyFilter) for quotas, or WasmPlugin (extensions.istio.io/v1alpha1)",
  },
  {
    group: 'rbac.istio.io',
    release: 'Istio 1.6',
    use: 'AuthorizationPolicy (security.istio.io/v1)',
  },
  {
    group: 'authentication.istio.io',
    kinds: ['Policy', 'MeshPolicy'],
    release: 'Istio 1.6',
    use: 'PeerAuthentication and RequestAuthentication (security.istio.io/v1)',
  },
];

/**
 * Built-in kinds Kubernetes removed without a successor kind, so no served version can be proposed
 * (the deprecated-API migration guide): the API server answers "no matches for kind". Install
 * manifests of older releases still carry them (a CNI's PodSecurityPolicy).
 */
export const REMOVED_KUBERNETES_APIS: readonly RemovedApi[] = [
  {
    group: 'policy',
    kinds: ['PodSecurityPolicy'],
    release: 'Kubernetes 1.25',
    use: 'Pod Security Admission (pod-security.kubernetes.io/ labels on the Namespace)',
  },
  {
    group: 'extensions',
    kinds: ['PodSecurityPolicy'],
    release: 'Kubernetes 1.16 (policy/v1beta1, which replaced it, in 1.25)',
    use: 'Pod Security Admission (pod-security.kubernetes.io/ labels on the Namespace)',
  },
  {
    group: 'extensions',
    kinds: ['ThirdPartyResource'],
    release: 'Kubernetes 1.8',
    use: 'CustomResourceDefinition (apiextensions.k8s.io/v1)',
  },
  {
    group: 'settings.k8s.io',
    kinds: ['PodPreset'],
    release: 'Kubernetes 1.20',
    use: 'a mutating admission webhook, or the settings written in the pod templates',
  },
  {
    group: 'auditregistration.k8s.io',
    kinds: ['AuditSink'],
    release: 'Kubernetes 1.19',
    use: "the API server's audit webhook (--audit-webhook-config-file)",
  },
];

export function removedApi(group: string, kind: string, groupBundled: boolean): RemovedApi | undefined {
  const matches = (r: RemovedApi) => r.group === group && (!r.kinds || r.kinds.includes(kind));
  // A bundled Istio group serves what it serves; a built-in group keeps other kinds (policy has PDBs).
  return (
    (groupBundled ? undefined : REMOVED_ISTIO_APIS.find(matches)) ?? REMOVED_KUBERNETES_APIS.find(matches)
  );
}

/** `<apiVersion> <kind> was removed in <release>` (or what became of it): the start of the message. */
export function removalSentence(apiVersion: string, kind: string, r: RemovedApi): string {
  return `${apiVersion} ${kind} ${r.fate ?? `was removed in ${r.release}`}`;
}

/**
 * Versions of built-in kinds that Kubernetes stopped serving while the kind lives on in another version
 * or group (the deprecated API migration guide): `group/version` to the release, and the kinds it
 * concerns when the rest of that group version went at another release. The API server answers "no
 * matches for kind"; the message names the release, as an old manifest's author needs to know.
 */
// Later releases serve new kinds at some of these versions again (ValidatingAdmissionPolicy at
// admissionregistration.k8s.io/v1beta1, LeaseCandidate, ClusterTrustBundle, ServiceCIDR): those list kinds.
const REMOVED_KUBERNETES_VERSIONS: readonly {
  apiVersion: string;
  kinds?: readonly string[];
  release: string;
}[] = [
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['DaemonSet', 'Deployment', 'ReplicaSet', 'NetworkPolicy'],
    release: '1.16',
  },
  { apiVersion: 'extensions/v1beta1', kinds: ['Ingress'], release: '1.22' },
  { apiVersion: 'apps/v1beta1', release: '1.16' },
  { apiVersion: 'apps/v1beta2', release: '1.16' },
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress', 'IngressClass'], release: '1.22' },
  {
    apiVersion: 'admissionregistration.k8s.io/v1beta1',
    kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
    release: '1.22',
  },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', release: '1.22' },
  { apiVersion: 'apiregistration.k8s.io/v1beta1', release: '1.22' },
  { apiVersion: 'authentication.k8s.io/v1beta1', kinds: ['TokenReview'], release: '1.22' },
  { apiVersion: 'authorization.k8s.io/v1beta1', release: '1.22' },
  { apiVersion: 'certificates.k8s.io/v1beta1', kinds: ['CertificateSigningRequest'], release: '1.22' },
  { apiVersion: 'coordination.k8s.io/v1beta1', kinds: ['Lease'], release: '1.22' },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', release: '1.22' },
  { apiVersion: 'scheduling.k8s.io/v1beta1', kinds: ['PriorityClass'], release: '1.22' },
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'],
    release: '1.22',
  },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], release: '1.27' },
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], release: '1.25' },
  { apiVersion: 'discovery.k8s.io/v1beta1', release: '1.25' },
  { apiVersion: 'events.k8s.io/v1beta1', release: '1.25' },
  { apiVersion: 'autoscaling/v2beta1', release: '1.25' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], release: '1.25' },
  { apiVersion: 'node.k8s.io/v1beta1', release: '1.25' },
  { apiVersion: 'autoscaling/v2beta2', release: '1.26' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', release: '1.26' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', release: '1.29' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', release: '1.32' },
];

/** The Kubernetes release that stopped serving this kind at this apiVersion, when it is a known removal. */
export function kubernetesRemoval(apiVersion: string, kind: string): string | undefined {
  const r = REMOVED_KUBERNETES_VERSIONS.find(
    (e) => e.apiVersion === apiVersion && (!e.kinds || e.kinds.includes(kind)),
  );
  return r && `Kubernetes ${r.release}`;
}

/**
 * Workload versions whose `spec.selector` defaulted to the pod template's labels: apps/v1 (and v1beta2)
 * require it, so moving such a manifest to apps/v1 needs a selector written out, not the apiVersion alone.
 */
const SELECTOR_DEFAULTED = new Set([
  'extensions/v1beta1 Deployment',
  'extensions/v1beta1 DaemonSet',
  'extensions/v1beta1 ReplicaSet',
  'apps/v1beta1 Deployment',
  'apps/v1beta1 StatefulSet',
]);

/** What else moving this removed workload version to apps/v1 takes, as the end of the message. */
export function selectorNote(apiVersion: string, kind: string): string {
  return SELECTOR_DEFAULTED.has(`${apiVersion} ${kind}`)
    ? "; apps/v1 requires `spec.selector`, which this version defaulted from the pod template's labels"
    : '';
}
