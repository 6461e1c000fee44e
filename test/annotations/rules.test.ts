// Table-driven tests of the per-document annotation rules: every value type, every code, ranges on
// the key or the value, did-you-mean and fix data, through the RuleTester.
import { misplacedAnnotation } from '../../server/src/engine/rules/IST0107';
import { unknownAnnotation } from '../../server/src/engine/rules/IST0108';
import { invalidAnnotation } from '../../server/src/engine/rules/IST0125';
import { deprecatedAnnotation } from '../../server/src/engine/rules/IST0135';
import { alphaAnnotation } from '../../server/src/engine/rules/IST0136';
import { ruleTester, type InvalidCase } from '../helpers/ruleTester';

const RULES = [
  misplacedAnnotation,
  unknownAnnotation,
  invalidAnnotation,
  deprecatedAnnotation,
  alphaAnnotation,
];

const pod = (annotations: Record<string, string>, labels: Record<string, string> = {}) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n` +
  (Object.keys(labels).length
    ? `  labels:\n${Object.entries(labels)
        .map(([k, v]) => `    ${k}: ${JSON.stringify(v)}\n`)
        .join('')}`
    : '') +
  `  annotations:\n${Object.entries(annotations)
    .map(([k, v]) => `    ${k}: ${JSON.stringify(v)}\n`)
    .join('')}spec:\n  containers:\n  - name: c\n    image: x\n`;

const V = (name: string, key: string, value: string, ok: boolean, msg?: RegExp): InvalidCase => ({
  name: `${ok ? 'valid' : 'invalid'} ${name}: ${key}=${JSON.stringify(value)}`,
  yaml: pod({ [key]: value }),
  errors: ok ? [] : [{ code: 'IST0125', covers: JSON.stringify(value), message: msg }],
});

/** Values each annotation accepts: [value type, key, value]. */
const VALID: [string, string, string][] = [
  ['bool', 'prometheus.istio.io/merge-metrics', 'true'],
  ['bool', 'prometheus.istio.io/merge-metrics', 'False'],
  ['uint32', 'readiness.status.sidecar.istio.io/periodSeconds', '10'],
  ['port', 'status.sidecar.istio.io/port', '15020'],
  ['duration', 'sidecar.istio.io/statsFlushInterval', '5s'],
  ['duration', 'sidecar.istio.io/statsEvictionInterval', '1m30s'],
  ['ports', 'traffic.sidecar.istio.io/includeInboundPorts', '*'],
  ['ports', 'traffic.sidecar.istio.io/includeInboundPorts', '80, 8080'],
  ['ports', 'traffic.sidecar.istio.io/excludeOutboundPorts', ''],
  ['cidrs', 'traffic.sidecar.istio.io/includeOutboundIPRanges', '*'],
  ['cidrs', 'traffic.sidecar.istio.io/includeOutboundIPRanges', '10.0.0.0/8,172.16.0.0/12,fd00::/8'],
  ['quantity', 'sidecar.istio.io/proxyCPU', '100m'],
  ['quantity', 'sidecar.istio.io/proxyMemory', '128Mi'],
  ['quantity', 'sidecar.istio.io/proxyCPULimit', '0.5'],
  ['enum', 'sidecar.istio.io/interceptionMode', 'TPROXY'],
  ['scoped levels', 'sidecar.istio.io/logLevel', 'debug'],
  ['scoped levels', 'sidecar.istio.io/logLevel', 'wasm:debug'],
  ['scoped levels', 'sidecar.istio.io/logLevel', 'warning,misc:error'],
  ['scoped levels', 'sidecar.istio.io/componentLogLevel', 'misc:error,upstream:debug'],
  ['proxy config', 'proxy.istio.io/config', '{}'],
  [
    'proxy config',
    'proxy.istio.io/config',
    'holdApplicationUntilProxyStarts: true\nconcurrency: 2\nterminationDrainDuration: 30s\nproxyMetadata:\n  ISTIO_META_DNS_CAPTURE: "true"\n',
  ],
  ['proxy config', 'proxy.istio.io/config', 'tracing:\n  zipkin:\n    address: zipkin:9411\n'],
  ['proxy config', 'proxy.istio.io/config', 'tracingServiceName: CANONICAL_NAME_ONLY'],
  ['json', 'sidecar.istio.io/userVolume', '[{"name":"v","emptyDir":{}}]'],
  ['inject flag', 'sidecar.istio.io/nativeSidecar', 'true'],
];

/** Values it rejects (IST0125 on the value), with the message: [value type, key, value, message]. */
const INVALID: [string, string, string, RegExp][] = [
  ['bool', 'prometheus.istio.io/merge-metrics', 'yes', /ParseBool/],
  ['bool', 'sidecar.istio.io/rewriteAppHTTPProbers', 'maybe', /ParseBool: parsing "maybe"/],
  ['uint32', 'readiness.status.sidecar.istio.io/initialDelaySeconds', 'bar', /invalid syntax/],
  ['uint32', 'readiness.status.sidecar.istio.io/failureThreshold', '-1', /ParseUint: parsing "-1"/],
  ['uint32', 'readiness.status.sidecar.istio.io/failureThreshold', '4294967296', /out of range/],
  ['port', 'status.sidecar.istio.io/port', '70000', /excludeInboundPorts invalid: .*out of range/],
  ['duration', 'sidecar.istio.io/statsFlushInterval', '5', /invalid duration/],
  ['duration', 'sidecar.istio.io/statsFlushInterval', '5 seconds', /invalid duration "5 seconds"/],
  ['ports', 'traffic.sidecar.istio.io/includeInboundPorts', '80,http', /failed parsing port/],
  ['ports', 'traffic.sidecar.istio.io/excludeInboundPorts', '*', /port '\*': strconv/],
  ['ports', 'traffic.sidecar.istio.io/includeOutboundPorts', '99999', /port '99999'.*out of range/],
  ['cidrs', 'traffic.sidecar.istio.io/includeOutboundIPRanges', '10.0.0.0/8, 172.16.0.0/12', /cidr ' 172/],
  ['cidrs', 'traffic.sidecar.istio.io/includeOutboundIPRanges', '10.0.0.1', /no '\/'/],
  ['cidrs', 'traffic.sidecar.istio.io/excludeOutboundIPRanges', '10.0.0.0/33', /bad bits/],
  [
    'cidrs',
    'traffic.sidecar.istio.io/excludeOutboundIPRanges',
    '300.0.0.0/8',
    /cidr '300.0.0.0\/8'.*invalid IP/,
  ],
  ['cidrs', 'traffic.sidecar.istio.io/excludeOutboundIPRanges', '*', /cidr '\*'.*no '\/'/],
  ['quantity', 'sidecar.istio.io/proxyMemoryLimit', '1GB', /quantity/],
  ['quantity', 'sidecar.istio.io/proxyCPU', '100 m', /"100 m" is not a Kubernetes quantity/],
  ['enum', 'sidecar.istio.io/interceptionMode', 'tproxy', /REDIRECT,TPROXY,NONE/],
  ['scoped levels', 'sidecar.istio.io/logLevel', 'verbose', /"verbose" is not a log level/],
  ['scoped levels', 'sidecar.istio.io/logLevel', 'wasm:verbose', /"verbose" is not a log level/],
  ['scoped levels', 'sidecar.istio.io/componentLogLevel', 'misc:loud', /"loud" is not a log level/],
  [
    'proxy config',
    'proxy.istio.io/config',
    'concurency: 2',
    /unknown ProxyConfig field "concurency" \(did you mean concurrency\?\)/,
  ],
  [
    'proxy config',
    'proxy.istio.io/config',
    'holdApplicationUntilProxyStarts: "yes"',
    /must be true or false/,
  ],
  ['proxy config', 'proxy.istio.io/config', 'terminationDrainDuration: 1m', /protobuf duration/],
  [
    'proxy config',
    'proxy.istio.io/config',
    'interceptionMode: SIDECAR',
    /interceptionMode: must be one of REDIRECT, TPROXY, NONE/,
  ],
  ['proxy config', 'proxy.istio.io/config', 'statusPort: 0', /port/],
  ['proxy config', 'proxy.istio.io/config', 'proxyMetadata:\n  A: 1\n', /quote/],
  ['proxy config', 'proxy.istio.io/config', '[1, 2]', /mapping/],
  ['proxy config', 'proxy.istio.io/config', 'drainDuration: 1.5s', /seconds precision/],
  [
    'proxy config',
    'proxy.istio.io/config',
    'discoveryAddress: istiod.istio-system.svc',
    /invalid discovery address: unable to split "istiod.istio-system.svc": address istiod.istio-system.svc: missing port in address/,
  ],
  ['proxy config', 'proxy.istio.io/config', 'tracing:\n  zipkin:\n    address: zipkin\n', /zipkin/],
  ['json', 'sidecar.istio.io/userVolumeMount', '[{"name":"v"', /JSON/],
];

const cases: InvalidCase[] = [
  ...VALID.map(([type, key, value]) => V(type, key, value, true)),
  ...INVALID.map(([type, key, value, message]) => V(type, key, value, false, message)),
  {
    name: 'unknown annotation with did-you-mean, on the key',
    yaml: pod({ 'sidecar.istio.io/injekt': 'true' }),
    errors: [
      {
        code: 'IST0108',
        covers: 'sidecar.istio.io/injekt',
        message: /Unknown annotation: sidecar.istio.io\/injekt. Did you mean sidecar.istio.io\/inject/,
      },
    ],
  },
  {
    name: 'foreign annotations are ignored',
    yaml: pod({ 'kubernetes.io/psp': 'x', 'helm.sh/hook': 'test' }),
    errors: [],
  },
  {
    // Mixer's policy-check switch: still unknown to Istio (a warning), and said to be gone with Mixer
    name: 'a removed annotation says what became of it, with no did-you-mean',
    yaml: pod({ 'policy.istio.io/check': 'disable' }),
    errors: [
      {
        code: 'IST0108',
        covers: 'policy.istio.io/check',
        message:
          /^Unknown annotation: policy\.istio\.io\/check\. It configured Mixer's policy checks, which Istio 1\.8 removed with Mixer: nothing reads it$/,
      },
    ],
  },
  {
    name: 'an Istio label written as an annotation',
    yaml: pod({ 'istio.io/dataplane-mode': 'ambient' }),
    errors: [{ code: 'IST0108', message: /is an Istio label/ }],
  },
  {
    name: 'annotation on a kind it does not apply to',
    yaml: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n  annotations:\n    kubernetes.io/ingress.class: istio\n',
    errors: [
      { code: 'IST0107', covers: 'kubernetes.io/ingress.class', message: /can only be applied to Ingress/ },
    ],
  },
  {
    name: 'Any-kind annotation applies everywhere',
    yaml: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: n\n  annotations:\n    galley.istio.io/analyze-suppress: IST0102\n',
    errors: [],
  },
  V('codes', 'galley.istio.io/analyze-suppress', 'IST0102,bogus', false, /IST0108/),
  {
    name: 'deprecated inject annotation, with a label-move fix',
    yaml: pod({ 'sidecar.istio.io/inject': 'true' }),
    errors: [
      {
        code: 'IST0135',
        covers: 'sidecar.istio.io/inject',
        message: /in favor of the "sidecar.istio.io\/inject" label/,
        severity: 3,
      },
    ],
    output:
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    sidecar.istio.io/inject: "true"\nspec:\n  containers:\n  - name: c\n    image: x\n',
  },
  {
    name: 'deprecated inject annotation beside the label is not reported',
    yaml: pod({ 'sidecar.istio.io/inject': 'true' }, { 'sidecar.istio.io/inject': 'true' }),
    errors: [],
  },
  {
    name: 'label values',
    yaml: pod({}, { 'sidecar.istio.io/inject': 'sure', 'istio.io/dataplane-mode': 'ambient' }).replace(
      '  annotations:\n',
      '',
    ),
    errors: [{ code: 'IST0125', covers: '"sure"', message: /Invalid label sidecar.istio.io\/inject/ }],
  },
  {
    // The injector's namespaceSelector matches istio-injection=enabled only; disabled is the opt-out.
    name: 'istio-injection on a Namespace: enabled or disabled',
    yaml: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    istio-injection: enable\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ok\n  labels:\n    istio-injection: disabled\n',
    errors: [
      {
        code: 'IST0125',
        covers: 'enable',
        message: /Invalid label istio-injection: "enable" is neither enabled nor disabled/,
      },
    ],
  },
  {
    name: 'istio-injection elsewhere than on a Namespace is not read by Istio: no value check',
    yaml: pod({}, { 'istio-injection': 'true' }).replace('  annotations:\n', ''),
    errors: [],
  },
  {
    name: 'misspelt label',
    yaml: pod(
      {},
      { 'istio.io/dataplane-mod': 'ambient', 'install.operator.istio.io/owning-resource': 'x' },
    ).replace('  annotations:\n', ''),
    errors: [
      { code: 'IST0108', covers: 'istio.io/dataplane-mod', message: /Did you mean istio.io\/dataplane-mode/ },
    ],
  },
  {
    // A label of one's own under an Istio domain shares the known label's prefix: the distance is all in
    // the name, and 'purpose' is five letters off 'tlsMode', no misspelling of it.
    name: 'an unknown label whose name is far from every known one under the same prefix',
    yaml: pod({}, { 'security.istio.io/purpose': 'authz', 'security.istio.io/tlsmod': 'istio' }).replace(
      '  annotations:\n',
      '',
    ),
    errors: [
      {
        code: 'IST0108',
        covers: 'security.istio.io/tlsmod',
        message: /Did you mean security.istio.io\/tlsMode/,
      },
    ],
  },
  {
    name: 'a pod label on a Deployment itself, missing from its template',
    yaml: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  labels:\n    sidecar.istio.io/inject: "true"\nspec:\n  template:\n    metadata:\n      labels:\n        app: a\n',
    errors: [
      {
        code: 'IST0107',
        covers: 'sidecar.istio.io/inject',
        message: /Misplaced label: .* put it in the pod template \(spec.template.metadata.labels\)/,
      },
    ],
  },
  {
    name: 'the same label on both the Deployment and its template is fine',
    yaml: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  labels:\n    istio.io/rev: canary\nspec:\n  template:\n    metadata:\n      labels:\n        istio.io/rev: canary\n',
    errors: [],
  },
  {
    // Istio's installer stamps every object it renders with its component and revision (pruning selects by them).
    name: "the revision label beside the installer's component label is the installer's mark, not a misplaced pod label",
    yaml: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: istio-eastwestgateway\n  labels:\n    istio.io/rev: default\n    operator.istio.io/component: IngressGateways\nspec:\n  template:\n    metadata:\n      labels:\n        istio: eastwestgateway\n',
    errors: [],
  },
  {
    name: 'the revision label alone on a Deployment is still a misplaced pod label',
    yaml: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  labels:\n    istio.io/rev: canary\n    app: a\nspec:\n  template:\n    metadata:\n      labels:\n        app: a\n',
    errors: [{ code: 'IST0107', covers: 'istio.io/rev', message: /Misplaced label: istio.io\/rev/ }],
  },
  {
    name: 'pod templates are checked as Pods (CronJob)',
    yaml: 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  jobTemplate:\n    spec:\n      template:\n        metadata:\n          annotations:\n            sidecar.istio.io/proxyCPU: lots\n',
    errors: [{ code: 'IST0125', covers: 'lots', message: /not a Kubernetes quantity/ }],
  },
  {
    // Read by Istio's Gateway API controller though istio/api's catalogue does not list it: not unknown.
    name: 'an annotation Istio reads beyond its catalogue is known where it reads it',
    yaml: 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: gw\n  annotations:\n    networking.istio.io/address-type: ClusterIP\nspec:\n  gatewayClassName: istio\n  listeners: [{name: http, port: 80, protocol: HTTP}]\n',
    errors: [],
  },
  {
    // What `istioctl create-remote-secret` writes for a multi-cluster mesh.
    name: 'the cluster name istioctl writes on a remote secret is known',
    yaml: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: istio-remote-secret-east\n  namespace: istio-system\n  annotations:\n    networking.istio.io/cluster: east\n  labels:\n    istio/multiCluster: "true"\nstringData:\n  east: kubeconfig\n',
    errors: [],
  },
  {
    // Istio's deployment controller copies a Gateway API Gateway's annotations onto the Deployment, pods
    // and Service it creates for it (unless spec.infrastructure.annotations is set).
    name: 'a pod annotation on a Gateway API Gateway reaches its pods',
    yaml: 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: waypoint\n  annotations:\n    proxy.istio.io/config: "concurrency: 2"\n    sidecar.istio.io/proxyCPU: 100m\nspec:\n  gatewayClassName: istio-waypoint\n  listeners: [{name: mesh, port: 15008, protocol: HBONE}]\n',
    errors: [],
  },
  {
    name: 'a pod annotation on a Gateway API Gateway whose infrastructure sets the annotations is misplaced',
    yaml: 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: gw\n  annotations:\n    proxy.istio.io/config: "concurrency: 2"\nspec:\n  gatewayClassName: istio\n  infrastructure:\n    annotations:\n      team: web\n  listeners: [{name: http, port: 80, protocol: HTTP}]\n',
    errors: [{ code: 'IST0107', covers: 'proxy.istio.io/config', message: /can only be applied to Pod/ }],
  },
  {
    name: "a pod annotation on Istio's own Gateway is misplaced",
    yaml: 'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: gw\n  annotations:\n    proxy.istio.io/config: "concurrency: 2"\nspec:\n  selector: {istio: ingressgateway}\n  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ["*"]}]\n',
    errors: [{ code: 'IST0107', covers: 'proxy.istio.io/config', message: /can only be applied to Pod/ }],
  },
  {
    name: 'an annotation Istio reads beyond its catalogue, elsewhere, is misplaced',
    yaml: pod({ 'networking.istio.io/address-type': 'ClusterIP' }),
    errors: [
      {
        code: 'IST0107',
        covers: 'networking.istio.io/address-type',
        message: /can only be applied to Gateway/,
      },
    ],
  },
  {
    // Knative copies a Service's annotations where its controller decides: none is misplaced there.
    name: "a third party's kind has no misplaced annotation, but its values are checked",
    yaml: 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: hello\n  annotations:\n    sidecar.istio.io/proxyCPU: 100m\n    networking.istio.io/exportTo: "Not A Namespace"\n',
    errors: [{ code: 'IST0125', covers: '"Not A Namespace"' }],
  },
  {
    name: 'the same annotation on a core Service is misplaced',
    yaml: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: hello\n  annotations:\n    sidecar.istio.io/proxyCPU: 100m\n',
    errors: [{ code: 'IST0107', covers: 'sidecar.istio.io/proxyCPU', message: /can only be applied to Pod/ }],
  },
  {
    name: 'List items are checked',
    yaml: 'apiVersion: v1\nkind: List\nmetadata: {}\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: s\n    annotations:\n      networking.istio.io/exportTo: "Not A Namespace"\n',
    errors: [{ code: 'IST0125', covers: '"Not A Namespace"' }],
  },
];

// Every annotation finding links to Istio's page for its code.
const href = (code: string) =>
  `https://istio.io/latest/docs/reference/config/analysis/${code.toLowerCase()}/`;
ruleTester(
  RULES,
  {
    valid: cases.filter((c) => !c.errors.length),
    invalid: cases
      .filter((c) => c.errors.length)
      .map((c) => ({ ...c, errors: c.errors.map((e) => ({ ...e, href: href(e.code) })) })),
  },
  // Most Istio annotations are alpha: IST0136 has its own test (fixes.test.ts).
  { ignoreCodes: ['IST0136'] },
);
