// Rule k8s-validation beyond pods: Services, Jobs and CronJobs, workloads' strategies, Ingress,
// NetworkPolicy, PodDisruptionBudget, HorizontalPodAutoscaler, ConfigMap and Secret. Facts from
// Kubernetes' validation tables (core, apps, batch, networking, policy, autoscaling).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deployment, k8sFindings, service } from './helpers';

const PORT_RANGE = 'must be between 1 and 65535, inclusive';
const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const CONFIG_KEY =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const POD = 'containers:\n  - name: c\n    image: busybox';

function job(spec: string, pod = `restartPolicy: Never\n${POD}`): string {
  return `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n${spec.replace(/^/gm, '  ')}\n  template:\n    spec:\n${pod.replace(/^/gm, '      ')}\n`;
}
function cronJob(spec: string): string {
  return `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: cj\nspec:\n${spec.replace(/^/gm, '  ')}\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n${POD.replace(/^/gm, '          ')}\n`;
}
const ingress = (spec: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\nspec:\n${spec.replace(/^/gm, '  ')}\n`;
const path = (p: string, extra = '') =>
  `rules:\n  - host: example.com\n    http:\n      paths:\n        - path: ${p}\n          pathType: Prefix\n          backend:\n            service:\n              name: web\n${extra || '              port:\n                number: 80'}`;

const cases: { name: string; yaml: string; expect: string[]; version?: string }[] = [
  // --- Service -----------------------------------------------------------------------------------
  {
    name: 'valid Service with a named targetPort',
    yaml: service('ports:\n  - name: http\n    port: 80\n    targetPort: http-web'),
    expect: [],
  },
  {
    name: 'headless Service without ports',
    yaml: service('clusterIP: None\nselector:\n  app: web'),
    expect: [],
  },
  {
    name: 'ClusterIP Service without ports',
    yaml: service('selector:\n  app: web'),
    expect: ['spec.ports: Required value'],
  },
  {
    name: 'two unnamed ports',
    yaml: service('ports:\n  - port: 80\n  - port: 81'),
    expect: ['spec.ports[0].name: Required value', 'spec.ports[1].name: Required value'],
  },
  {
    name: 'port name not a DNS label; targetPort out of range; protocol lower case',
    yaml: service('ports:\n  - name: Http\n    port: 80\n    targetPort: 0x10000\n    protocol: tcp'),
    expect: [
      `spec.ports[0].name: Invalid value: "Http": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
      `spec.ports[0].targetPort: Invalid value: 65536: ${PORT_RANGE}`,
      'spec.ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"',
    ],
  },
  {
    name: 'targetPort name longer than 15',
    yaml: service('ports:\n  - port: 80\n    targetPort: a-very-long-port-name'),
    expect: [
      'spec.ports[0].targetPort: Invalid value: "a-very-long-port-name": must be no more than 15 characters',
    ],
  },
  {
    name: 'the same port and protocol twice',
    yaml: service('ports:\n  - name: a\n    port: 80\n  - name: b\n    port: 80'),
    expect: ['spec.ports[1]: Duplicate value: {"port":80,"protocol":"TCP"}'],
  },
  {
    name: 'nodePort on a ClusterIP Service',
    yaml: service('ports:\n  - port: 80\n    nodePort: 30080'),
    expect: ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
  },
  {
    name: 'nodePort outside the node-port range',
    yaml: service('type: NodePort\nports:\n  - port: 80\n    nodePort: 8080'),
    expect: [
      'spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ],
  },
  {
    name: 'clusterIP not an IP',
    yaml: service('clusterIP: 10.0.0.300\nports:\n  - port: 80'),
    expect: [
      'spec.clusterIPs[0]: Invalid value: "10.0.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    ],
  },
  {
    name: 'LoadBalancer headless',
    yaml: service('type: LoadBalancer\nclusterIP: None\nports:\n  - port: 80'),
    expect: [
      'spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for LoadBalancer services',
    ],
  },
  {
    name: 'ExternalName without externalName',
    yaml: service('type: ExternalName'),
    expect: ['spec.externalName: Required value'],
  },
  {
    name: 'ExternalName with a trailing dot; invalid name',
    yaml: `${service('type: ExternalName\nexternalName: db.example.com.')}---\n${service('type: ExternalName\nexternalName: db_example')}`,
    expect: [`spec.externalName: Invalid value: "db_example": ${SUBDOMAIN}`],
  },
  {
    name: 'externalTrafficPolicy on a ClusterIP Service',
    yaml: service('externalTrafficPolicy: Local\nports:\n  - port: 80'),
    expect: [
      "spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set when `type` is 'NodePort' or 'LoadBalancer'",
    ],
  },
  {
    name: 'sessionAffinity typo',
    yaml: service('sessionAffinity: ClientIp\nports:\n  - port: 80'),
    expect: ['spec.sessionAffinity: Unsupported value: "ClientIp": supported values: "ClientIP", "None"'],
  },

  // --- workloads -------------------------------------------------------------------------------
  {
    name: 'empty selector',
    yaml: deployment(POD).replace('matchLabels:\n      app: web', 'matchLabels: {}'),
    expect: ['spec.selector: Invalid value: {"matchLabels":{}}: empty selector is invalid for deployment'],
  },
  {
    name: 'selector with matchExpressions that match',
    yaml: deployment(POD).replace(
      'matchLabels:\n      app: web',
      'matchExpressions:\n      - key: app\n        operator: In\n        values: [web, api]',
    ),
    expect: [],
  },
  {
    name: 'selector operator In without values',
    yaml: deployment(POD).replace(
      'matchLabels:\n      app: web',
      'matchLabels:\n      app: web\n    matchExpressions:\n      - key: tier\n        operator: In',
    ),
    expect: [
      "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
      'spec.selector: Invalid value: {"matchExpressions":[{"key":"tier","operator":"In"}],"matchLabels":{"app":"web"}}: invalid label selector',
    ],
  },
  {
    name: 'Recreate with rollingUpdate; maxUnavailable over 100%',
    yaml: deployment(
      POD,
      '  strategy:\n    type: Recreate\n    rollingUpdate:\n      maxUnavailable: 150%\n',
    ),
    expect: [
      "spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'",
    ],
  },
  {
    name: 'maxUnavailable and maxSurge both 0; percent typo',
    yaml: `${deployment(POD, '  strategy:\n    rollingUpdate:\n      maxUnavailable: 0\n      maxSurge: 0\n')}---\n${deployment(POD, '  strategy:\n    rollingUpdate:\n      maxUnavailable: 150%\n      maxSurge: 25 %\n')}`,
    expect: [
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0',
      'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 150%: must not be greater than 100%',
      "spec.strategy.rollingUpdate.maxSurge: Invalid value: 25 %: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
    ],
  },
  {
    name: 'progressDeadlineSeconds not above minReadySeconds; strategy type typo',
    yaml: deployment(
      POD,
      '  minReadySeconds: 30\n  progressDeadlineSeconds: 30\n  strategy:\n    type: Rolling\n',
    ),
    expect: [
      'spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds',
      'spec.strategy.type: Unsupported value: "Rolling": supported values: "Recreate", "RollingUpdate"',
    ],
  },
  {
    name: 'DaemonSet: maxSurge with the default maxUnavailable',
    yaml: deployment(POD, '  updateStrategy:\n    rollingUpdate:\n      maxSurge: 1\n').replace(
      'kind: Deployment',
      'kind: DaemonSet',
    ),
    expect: [
      'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero',
    ],
  },
  {
    name: 'StatefulSet podManagementPolicy typo',
    yaml: deployment(POD, '  podManagementPolicy: parallel\n').replace(
      'kind: Deployment',
      'kind: StatefulSet',
    ),
    expect: [
      'spec.podManagementPolicy: Unsupported value: "parallel": supported values: "OrderedReady", "Parallel"',
    ],
  },

  {
    name: 'StatefulSet: the pod spec is not validated by the API server, its restart fields are',
    yaml: deployment(
      'activeDeadlineSeconds: 10\nrestartPolicy: OnFailure\ncontainers:\n  - name: Web\n    image: busybox\n    ports:\n      - containerPort: 0',
    ).replace('kind: Deployment', 'kind: StatefulSet'),
    expect: [
      'spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported',
    ],
  },
  {
    name: 'Job with its own selector (not auto-generated)',
    yaml: job('selector:\n  matchLabels:\n    app: j'),
    expect: ['spec.selector: Invalid value: {"matchLabels":{"app":"j"}}: `selector` not auto-generated'],
  },

  // --- Job and CronJob -------------------------------------------------------------------------
  { name: 'valid Job', yaml: job('backoffLimit: 4\ncompletions: 3\nparallelism: 2'), expect: [] },
  {
    name: 'Job without restartPolicy (defaults to Always)',
    yaml: job('backoffLimit: 4', POD),
    expect: [
      'spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    ],
  },
  {
    name: 'negative parallelism, completions and backoffLimit; zero activeDeadlineSeconds',
    yaml: job('parallelism: -1\ncompletions: -1\nbackoffLimit: -1\nactiveDeadlineSeconds: 0'),
    expect: [
      'spec.parallelism: Invalid value: -1: must be greater than or equal to 0',
      'spec.completions: Invalid value: -1: must be greater than or equal to 0',
      'spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0',
      'spec.activeDeadlineSeconds: Invalid value: 0: must be greater than 0',
    ],
  },
  {
    name: 'Indexed Job without completions; completionMode typo',
    yaml: `${job('completionMode: Indexed')}---\n${job('completionMode: indexed')}`,
    expect: [
      'spec.completions: Required value: when completion mode is Indexed',
      'spec.completionMode: Unsupported value: "indexed": supported values: "NonIndexed", "Indexed"',
    ],
  },
  {
    name: 'valid CronJob schedules',
    yaml: ['"*/5 * * * *"', '"0 0 * * MON-FRI"', '"@hourly"', '"0 9 1 jan,jul ?"']
      .map((s) => cronJob(`schedule: ${s}`))
      .join('---\n'),
    expect: [],
  },
  {
    name: 'CronJob schedule with six fields',
    yaml: cronJob('schedule: "0 0 * * * *"'),
    expect: [
      'spec.schedule: Invalid value: "0 0 * * * *": expected exactly 5 fields, found 6: [0 0 * * * *]',
    ],
  },
  {
    name: 'CronJob schedule minute out of range',
    yaml: cronJob('schedule: "60 * * * *"'),
    expect: ['spec.schedule: Invalid value: "60 * * * *": end of range (60) above maximum (59): 60'],
  },
  {
    name: 'CronJob schedule not a number',
    yaml: cronJob('schedule: "a * * * *"'),
    expect: [
      'spec.schedule: Invalid value: "a * * * *": failed to parse int from a: strconv.Atoi: parsing "a": invalid syntax',
    ],
  },
  {
    name: 'CronJob descriptor typo; TZ in schedule; concurrencyPolicy typo',
    yaml: `${cronJob('schedule: "@hourlyy"')}---\n${cronJob('schedule: "CRON_TZ=UTC 0 * * * *"')}---\n${cronJob('schedule: "0 * * * *"\nconcurrencyPolicy: forbid')}`,
    expect: [
      'spec.schedule: Invalid value: "@hourlyy": unrecognized descriptor: @hourlyy',
      'spec.schedule: Invalid value: "CRON_TZ=UTC 0 * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
      'spec.concurrencyPolicy: Unsupported value: "forbid": supported values: "Allow", "Forbid", "Replace"',
    ],
  },

  // --- Ingress ---------------------------------------------------------------------------------
  { name: 'valid Ingress', yaml: ingress(path('/api')), expect: [] },
  {
    name: 'Ingress Prefix path not absolute',
    yaml: ingress(path('api')),
    expect: ['spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path'],
  },
  {
    name: 'Ingress path with //',
    yaml: ingress(path('/a//b')),
    expect: ['spec.rules[0].http.paths[0].path: Invalid value: "/a//b": must not contain \'//\''],
  },
  {
    name: 'Ingress backend port with both name and number',
    yaml: ingress(path('/', '              port:\n                name: http\n                number: 80')),
    expect: [
      'spec.rules[0].http.paths[0].backend.service.port: Invalid value: {"name":"http","number":80}: cannot set both port name & port number',
    ],
  },
  {
    name: 'Ingress backend without port',
    yaml: ingress(path('/', '              port: {}')),
    expect: [
      'spec.rules[0].http.paths[0].backend.service.port: Required value: port name or number is required',
    ],
  },
  {
    name: 'Ingress host is an IP; neither rules nor defaultBackend',
    yaml: `${ingress(path('/').replace('example.com', '10.0.0.1'))}---\n${ingress('ingressClassName: nginx')}`,
    expect: [
      'spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address',
      'spec.rules: Invalid value: null: either `defaultBackend` or `rules` must be specified',
    ],
  },

  // --- NetworkPolicy, PodDisruptionBudget, HorizontalPodAutoscaler ------------------------------
  {
    name: 'NetworkPolicy: endPort below port; peer with ipBlock and podSelector; bad CIDR',
    yaml: `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: np\nspec:\n  podSelector: {}\n  ingress:\n    - ports:\n        - port: 8080\n          endPort: 80\n      from:\n        - ipBlock:\n            cidr: 10.0.0.0/33\n          podSelector: {}\n  policyTypes: [Ingress, ingress]\n`,
    expect: [
      'spec.ingress[0].ports[0].endPort: Invalid value: 80: must be greater than or equal to `port`',
      'spec.ingress[0].from[0]: Forbidden: may not specify both ipBlock and another peer',
      'spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
      'spec.policyTypes[1]: Unsupported value: "ingress": supported values: "Ingress", "Egress"',
    ],
  },
  {
    name: 'PDB with minAvailable and maxUnavailable',
    yaml: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: p\nspec:\n  minAvailable: 1\n  maxUnavailable: 1\n  selector:\n    matchLabels:\n      app: web\n',
    expect: [
      'spec: Invalid value: {"maxUnavailable":1,"minAvailable":1,"selector":{"matchLabels":{"app":"web"}}}: minAvailable and maxUnavailable cannot be both set',
    ],
  },
  {
    name: 'PDB minAvailable over 100%',
    yaml: 'apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata:\n  name: p\nspec:\n  minAvailable: 120%\n',
    expect: ['spec.minAvailable: Invalid value: 120%: must not be greater than 100%'],
  },
  {
    name: 'HPA maxReplicas below minReplicas; metric without its source',
    yaml: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 3\n  maxReplicas: 2\n  metrics:\n    - type: Resource\n',
    expect: [
      'spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`',
      'spec.metrics[0].resource: Required value: must populate information for the given metric source',
    ],
  },
  {
    name: 'HPA minReplicas 0 (HPAScaleToZero is alpha)',
    yaml: 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: h\nspec:\n  scaleTargetRef:\n    kind: Deployment\n    name: web\n  minReplicas: 0\n  maxReplicas: 2\n',
    expect: ['spec.minReplicas: Invalid value: 0: must be greater than or equal to 1'],
  },

  // --- PersistentVolumeClaim and volumes --------------------------------------------------------
  {
    name: 'PVC without access modes or storage request; access mode typo',
    yaml: `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  resources: {}\n---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnly]\n  resources:\n    requests:\n      storage: 1Gi\n`,
    expect: [
      'spec.accessModes: Required value: at least 1 access mode is required',
      'spec.resources[storage]: Required value',
      'spec.accessModes: Unsupported value: "ReadWriteOnly": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
    ],
  },
  {
    name: 'hostPath type typo',
    yaml: deployment(`${POD}\nvolumes:\n  - name: v\n    hostPath:\n      path: /var/log\n      type: Dir`),
    expect: [
      'spec.template.spec.volumes[0].hostPath.type: Unsupported value: "Dir": supported values: "", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"',
    ],
  },

  // --- ConfigMap and Secret --------------------------------------------------------------------
  {
    name: 'ConfigMap key with a slash',
    yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  conf/app.yaml: x\n  ok.key_1: y\n',
    expect: [`data[conf/app.yaml]: Invalid value: "conf/app.yaml": ${CONFIG_KEY}`],
  },
  {
    name: 'Secret data not base64 (the decoder rejects the request)',
    yaml: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  password: hunter2!\n  ok: aHVudGVyMg==\n',
    expect: ['Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 7'],
  },
  {
    name: 'Secret data with a truncated quantum',
    yaml: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  k: abcde\n',
    expect: ['Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4'],
  },
  {
    name: 'TLS Secret without tls.key',
    yaml: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ntype: kubernetes.io/tls\nstringData:\n  tls.crt: x\n',
    expect: ['data[tls.key]: Required value'],
  },
];

describe('k8s-validation: Services, workloads, batch, networking, policy, config', () => {
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual(
        k8sFindings(c.yaml, c.version)
          .map((f) => f.message)
          .sort(),
        [...c.expect].sort(),
      );
    });
  }
});
