// Fields of Istio's and Kubernetes' APIs that a release removed or stopped reading: an unknown field that
// is one of them says when it went and what replaces it, as a manifest written for an older release needs.

interface RemovedField {
  group: string;
  kind: string;
  /** The path of the mapping that held the field, list indexes written `[]`; `*.` ends any path. */
  under: string;
  fields: readonly string[];
  /** What became of it: completes "`<field>` ...". */
  fate: string;
}

const REMOVED_FIELDS: readonly RemovedField[] = [
  // istio/api#1214 (Istio 1.5) removed HTTPRoute's fields deprecated since 1.0/1.1.
  {
    group: 'networking.istio.io',
    kind: 'VirtualService',
    under: 'spec.http[]',
    fields: ['websocketUpgrade'],
    fate: 'was removed in Istio 1.5: WebSocket upgrades are allowed without it',
  },
  {
    group: 'networking.istio.io',
    kind: 'VirtualService',
    under: 'spec.http[]',
    fields: ['appendHeaders', 'appendRequestHeaders'],
    fate: 'was removed in Istio 1.5; use `headers.request.add`',
  },
  {
    group: 'networking.istio.io',
    kind: 'VirtualService',
    under: 'spec.http[]',
    fields: ['removeRequestHeaders'],
    fate: 'was removed in Istio 1.5; use `headers.request.remove`',
  },
  {
    group: 'networking.istio.io',
    kind: 'VirtualService',
    under: 'spec.http[]',
    fields: ['appendResponseHeaders'],
    fate: 'was removed in Istio 1.5; use `headers.response.add`',
  },
  {
    group: 'networking.istio.io',
    kind: 'VirtualService',
    under: 'spec.http[]',
    fields: ['removeResponseHeaders'],
    fate: 'was removed in Istio 1.5; use `headers.response.remove`',
  },
  // The EnvoyFilter of Istio 1.0-1.2, which Istio 1.6 no longer applies (istio/istio#22014).
  {
    group: 'networking.istio.io',
    kind: 'EnvoyFilter',
    under: 'spec',
    fields: ['workloadLabels'],
    fate: 'is the EnvoyFilter API of Istio 1.0-1.2, which Istio 1.6 stopped applying; use `workloadSelector.labels`',
  },
  {
    group: 'networking.istio.io',
    kind: 'EnvoyFilter',
    under: 'spec',
    fields: ['filters'],
    fate: 'is the EnvoyFilter API of Istio 1.0-1.2, which Istio 1.6 stopped applying; use `configPatches`',
  },
  // istioctl's install input: Istio 1.8 deprecated addonComponents and stopped installing the addons
  // (istio/api#1701); Mixer's components went with Mixer; Istio 1.5 merged the control plane's components
  // into istiod, and 1.6 dropped their fields (istio/api#1366).
  {
    group: 'install.istio.io',
    kind: 'IstioOperator',
    under: 'spec',
    fields: ['addonComponents'],
    fate: 'was deprecated in Istio 1.8, which stopped installing the addons, and istioctl no longer reads it: install them on their own (samples/addons, their charts or operators)',
  },
  {
    group: 'install.istio.io',
    kind: 'IstioOperator',
    under: 'spec.components',
    fields: ['policy', 'telemetry'],
    fate: 'is a Mixer component, removed in Istio 1.8',
  },
  {
    group: 'install.istio.io',
    kind: 'IstioOperator',
    under: 'spec.components',
    fields: ['citadel', 'galley', 'sidecarInjector', 'nodeAgent'],
    fate: 'was merged into istiod (the `pilot` component) in Istio 1.5',
  },
  // Ingress at networking.k8s.io/v1beta1 and extensions/v1beta1 (Kubernetes 1.22 removed both): an apiVersion
  // moved to v1 alone leaves the backend written the old way.
  {
    group: 'networking.k8s.io',
    kind: 'Ingress',
    under: 'spec',
    fields: ['backend'],
    fate: "is v1beta1's, which Kubernetes 1.22 removed; networking.k8s.io/v1 calls it `defaultBackend`, with `service: {name, port: {number}}`",
  },
  {
    group: 'networking.k8s.io',
    kind: 'Ingress',
    under: '*.backend',
    fields: ['serviceName', 'servicePort'],
    fate: "is v1beta1's, which Kubernetes 1.22 removed; networking.k8s.io/v1 writes `service: {name: <name>, port: {number: <port>}}` (or `port: {name: <name>}`)",
  },
  // autoscaling/v2beta1's metric targets (Kubernetes 1.25 removed it): IstioOperator profiles of Istio
  // 1.x wrote them in every component's hpaSpec, which istioctl now reads as autoscaling/v2.
  ...(
    [
      ['install.istio.io', 'IstioOperator', '*.k8s.hpaSpec.metrics[].resource'],
      ['autoscaling', 'HorizontalPodAutoscaler', 'spec.metrics[].resource'],
    ] as const
  ).flatMap(([group, kind, under]) => {
    return [
      {
        group,
        kind,
        under,
        fields: ['targetAverageUtilization'],
        fate: "is autoscaling/v2beta1's, which Kubernetes 1.25 removed; write `target: {type: Utilization, averageUtilization: N}`",
      },
      {
        group,
        kind,
        under,
        fields: ['targetAverageValue'],
        fate: "is autoscaling/v2beta1's, which Kubernetes 1.25 removed; write `target: {type: AverageValue, averageValue: Q}`",
      },
    ];
  }),
];

/** What became of the unknown field `key` written under `path` of a `group` `kind`, when a release removed it. */
export function removedFieldFate(group: string, kind: string, path: string, key: string): string | undefined {
  const under = path.replace(/\[\d+\]/g, '[]');
  const at = (r: RemovedField) =>
    r.under.startsWith('*.') ? under.endsWith(r.under.slice(1)) : r.under === under;
  return REMOVED_FIELDS.find((r) => r.group === group && r.kind === kind && at(r) && r.fields.includes(key))
    ?.fate;
}
