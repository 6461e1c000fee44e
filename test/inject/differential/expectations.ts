// What Istio does to each workload of this corpus, written down by hand from Istio's source (the
// rule is named next to each expectation), never copied from our own output. Only the fields each
// behaviour class decides are listed; the golden cases cover the rest of the template.
// Paths are dotted (numeric parts index lists); `istio-proxy` is a native sidecar (Kubernetes 1.35).

export interface DocExpectation {
  /** Index of the document in the output. */
  doc: number;
  /** kube-inject leaves the workload alone (its bytes are kept). */
  skipped?: boolean;
  /** Environment of the istio-proxy container. */
  env?: Record<string, string>;
  /** Values at dotted paths of the output document; `undefined` means absent. */
  paths?: Record<string, unknown>;
}

export interface CorpusCase {
  file: string;
  args?: string[];
  docs: DocExpectation[];
}

const TPL = 'spec.template.spec';

export const corpus: CorpusCase[] = [
  {
    // pkg/kube/inject app_probe.go DumpAppProbers + convertAppProber; pilot-agent status.Prober JSON
    // (httpGet/tcpSocket/grpc, timeoutSeconds omitempty; corev1.GRPCAction port/service not omitempty);
    // named ports resolved; exec probes are not taken over; keys sorted (Go map).
    file: 'probes.yaml',
    docs: [
      {
        doc: 0,
        env: {
          ISTIO_KUBE_APP_PROBERS:
            '{"/app-health/grpc/livez":{"grpc":{"port":9000,"service":"liveness"}},' +
            '"/app-health/grpc/readyz":{"grpc":{"port":9000,"service":null}},' +
            '"/app-health/web/livez":{"tcpSocket":{"port":9901}},' +
            '"/app-health/web/readyz":{"httpGet":{"path":"/ready","port":8443,"scheme":"HTTPS"},"timeoutSeconds":2}}',
        },
        paths: {
          [`${TPL}.containers.0.readinessProbe`]: {
            httpGet: { path: '/app-health/web/readyz', port: 15020, scheme: 'HTTP' },
            timeoutSeconds: 2,
          },
          [`${TPL}.containers.0.livenessProbe`]: { httpGet: { path: '/app-health/web/livez', port: 15020 } },
          [`${TPL}.containers.1.readinessProbe`]: {
            httpGet: { path: '/app-health/grpc/readyz', port: 15020 },
          },
          [`${TPL}.containers.1.livenessProbe`]: {
            httpGet: { path: '/app-health/grpc/livez', port: 15020 },
            periodSeconds: 20,
          },
          [`${TPL}.containers.1.startupProbe.exec.command.0`]: '/bin/grpc_health_probe',
        },
      },
    ],
  },
  {
    // pkg/config/mesh ApplyProxyConfig (per-field replace, proxyMetadata merged), template.go
    // protoToJSON(cleanProxyConfig(pc)): protojson camelCase names, proto declaration order, sorted
    // map keys, wrappers kept when zero, fields equal to DefaultProxyConfig() dropped.
    file: 'proxy-config.yaml',
    docs: [
      {
        doc: 0,
        env: {
          PROXY_CONFIG:
            '{"concurrency":4,"tracing":{"zipkin":{"address":"jaeger-collector.tracing:9411"},' +
            '"customTags":{"team":{"literal":{"value":"payments"}},"user_agent":{"header":{"name":"user-agent","defaultValue":"unknown"}}},' +
            '"sampling":25},"proxyMetadata":{"BOOTSTRAP_XDS_AGENT":"true","ISTIO_META_DNS_CAPTURE":"true"}}\n',
          // The template turns proxyMetadata into environment variables.
          BOOTSTRAP_XDS_AGENT: 'true',
          ISTIO_META_DNS_CAPTURE: 'true',
        },
      },
      {
        doc: 1,
        env: {
          PROXY_CONFIG:
            '{"concurrency":0,"proxyMetadata":{"EXIT_ON_ZERO_ACTIVE_CONNECTIONS":"true"},"terminationDrainDuration":"30s"}\n',
          EXIT_ON_ZERO_ACTIVE_CONNECTIONS: 'true',
        },
      },
    ],
  },
  {
    // template.go appendMultusNetwork with the template's `default/istio-cni` network.
    file: 'multus.yaml',
    args: ['--set', 'components.cni.enabled=true', '--set', 'values.cni.provider=multus'],
    docs: [
      {
        doc: 0,
        paths: {
          'metadata.annotations.k8s\\.v1\\.cni\\.cncf\\.io/networks':
            '[{"name": "sriov-net", "namespace": "telco", "interface": "net1"}, {"name": "istio-cni", "namespace": "default"}]',
        },
      },
      {
        doc: 1,
        paths: {
          'metadata.annotations.k8s\\.v1\\.cni\\.cncf\\.io/networks':
            'macvlan-conf, telco/bridge-conf, default/istio-cni',
        },
      },
    ],
  },
  {
    // webhook.go applyPrometheusMerge: the app's scrape settings go to the agent, the pod is scraped
    // at the agent's status port; multi-port targets (port:path, empty path = /metrics) travel along.
    file: 'metrics.yaml',
    docs: [
      {
        doc: 0,
        env: {
          ISTIO_PROMETHEUS_ANNOTATIONS:
            '{"scrape":"true","path":"","port":"","targets":[{"port":"8080","path":"/actuator/prometheus"},{"port":"5556","path":"/metrics"}]}',
        },
        paths: {
          'spec.template.metadata.annotations.prometheus\\.istio\\.io/scrape-targets': undefined,
          'spec.template.metadata.annotations.prometheus\\.io/port': '15020',
          'spec.template.metadata.annotations.prometheus\\.io/path': '/stats/prometheus',
          'spec.template.metadata.annotations.prometheus\\.io/scrape': 'true',
        },
      },
      {
        doc: 1,
        env: { ISTIO_PROMETHEUS_ANNOTATIONS: '{"scrape":"true","path":"/metrics","port":"9090"}' },
        paths: { 'spec.template.metadata.annotations.prometheus\\.io/port': '15020' },
      },
    ],
  },
  {
    // istioctl kube-inject prints the workload through Go's typed round trip (apps/v1 StatefulSet):
    // omitempty "" and [] dropped, canonical quantities, non-omitempty status counters, empty structs.
    file: 'statefulset.yaml',
    docs: [
      {
        doc: 0,
        paths: {
          [`${TPL}.serviceAccountName`]: undefined,
          [`${TPL}.containers.0.args`]: undefined,
          [`${TPL}.containers.0.resources.requests`]: { cpu: '1', memory: '2Gi' },
          'spec.updateStrategy': {},
          status: { availableReplicas: 0, replicas: 0 },
          'spec.volumeClaimTemplates.0': {
            metadata: { name: 'data' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } },
            status: {},
          },
        },
      },
    ],
  },
  {
    // inject.go IntoObject: a CronJob's injection metadata is its jobTemplate's; Go's round trip
    // writes the empty pod-template metadata and status. The proxy is a native sidecar, so a Job ends.
    file: 'jobs.yaml',
    docs: [
      {
        doc: 0,
        paths: {
          'spec.jobTemplate.metadata.annotations.sidecar\\.istio\\.io/status': (v: unknown) =>
            typeof v === 'string' && v.includes('"istio-proxy"'),
          'spec.jobTemplate.spec.template.metadata': {},
          status: {},
        },
      },
      {
        doc: 1,
        paths: {
          status: {},
          [`${TPL}.initContainers.1.name`]: 'istio-proxy',
          [`${TPL}.initContainers.1.restartPolicy`]: 'Always',
        },
      },
    ],
  },
  {
    // inject.go injectRequired: host-network pods are never injected. webhook.go reorderPod: with a
    // native sidecar, istio-init then istio-proxy run before the app's own init containers.
    file: 'host-and-init.yaml',
    docs: [
      { doc: 0, skipped: true },
      {
        doc: 1,
        paths: {
          [`${TPL}.initContainers.0.name`]: 'istio-init',
          [`${TPL}.initContainers.1.name`]: 'istio-proxy',
          [`${TPL}.initContainers.2.name`]: 'wait-for-db',
        },
      },
    ],
  },
  {
    // webhook.go reapplyOverwrittenContainers: the user's istio-proxy fields win over the template's
    // (strategic merge: maps merge key by key), image "auto" means the injector's image, and the
    // override is recorded in proxy.istio.io/overrides as Go's JSON of corev1.Container, under
    // initContainers because the template's istio-proxy is a native sidecar (an init container).
    file: 'existing-sidecar.yaml',
    docs: [
      {
        doc: 0,
        paths: {
          [`${TPL}.containers.length`]: 1,
          [`${TPL}.initContainers.1.name`]: 'istio-proxy',
          [`${TPL}.initContainers.1.image`]: 'docker.io/istio/proxyv2:1.32.0',
          [`${TPL}.initContainers.1.resources`]: {
            requests: { cpu: '500m', memory: '256Mi' },
            limits: { cpu: '2', memory: '512Mi' },
          },
          'spec.template.metadata.annotations.proxy\\.istio\\.io/overrides':
            '{"initContainers":[{"name":"istio-proxy","resources":{"limits":{"memory":"512Mi"},"requests":{"cpu":"500m","memory":"256Mi"}}}]}',
        },
      },
    ],
  },
  {
    // inject.go IntoResourceFile: List items are injected one by one, other items pass through; the
    // List is printed by Go (metadata: {}).
    file: 'list.yaml',
    docs: [
      {
        doc: 0,
        paths: {
          metadata: {},
          'items.0.spec.template.metadata.annotations.sidecar\\.istio\\.io/status': (v: unknown) =>
            typeof v === 'string',
          'items.1': {
            apiVersion: 'v1',
            kind: 'Service',
            metadata: { name: 'cart', namespace: 'shop' },
            spec: { ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
          },
          'items.2.spec.template.metadata.annotations.sidecar\\.istio\\.io/status': (v: unknown) =>
            typeof v === 'string',
          'items.0.spec.template.spec.containers.0.readinessProbe': {
            httpGet: { path: '/app-health/cart/readyz', port: 15020 },
          },
        },
      },
    ],
  },
];
