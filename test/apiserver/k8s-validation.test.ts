// Rule k8s-validation, table-driven: inputs, verdicts and messages carried over from Kubernetes'
// validation tests (pkg/apis/*/validation/validation_test.go, apimachinery util/validation) and
// the apply-time examples. Each case lists every message expected, exactly.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { deployment, k8sFindings, pod, service } from './helpers';

const LABEL_1123 =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const LABEL_1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const QNAME =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const ENV_STRICT =
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";
const ENV_RELAXED =
  "a valid environment variable name must consist only of printable ASCII characters other than '='";
const PORT_RANGE = 'must be between 1 and 65535, inclusive';

const ctr = (body: string) => `containers:\n  - name: web\n    image: nginx\n${body.replace(/^/gm, '    ')}`;

interface Case {
  name: string;
  yaml: string;
  version?: string;
  expect: string[];
  /** The text the first diagnostic's range covers. */
  covers?: string;
}

const cases: Case[] = [
  // --- the examples --------------------------------------------------------------------
  {
    name: 'Service name with upper case and underscore (RFC 1123 label since 1.35)',
    yaml: service('ports:\n  - port: 80', 'My_Service'),
    expect: [`metadata.name: Invalid value: "My_Service": ${LABEL_1123}`],
    covers: 'My_Service',
  },
  {
    name: 'Service name before RelaxedServiceNameValidation (DNS-1035 label)',
    yaml: service('ports:\n  - port: 80', 'My_Service'),
    version: '1.33',
    expect: [`metadata.name: Invalid value: "My_Service": ${LABEL_1035}`],
  },
  {
    name: 'Service name starting with a digit: relaxed in 1.35',
    yaml: service('ports:\n  - port: 80', '1-web'),
    expect: [],
  },
  {
    name: 'Service name starting with a digit before 1.35',
    yaml: service('ports:\n  - port: 80', '1-web'),
    version: '1.34',
    expect: [`metadata.name: Invalid value: "1-web": ${LABEL_1035}`],
  },
  {
    name: 'Service port out of range',
    yaml: service('ports:\n  - port: 70000'),
    expect: [`spec.ports[0].port: Invalid value: 70000: ${PORT_RANGE}`],
    covers: '70000',
  },
  {
    name: 'Service ports with one name twice',
    yaml: service('ports:\n  - name: http\n    port: 80\n  - name: http\n    port: 81'),
    expect: ['spec.ports[1].name: Duplicate value: "http"'],
    covers: 'http',
  },
  {
    name: 'Service type typo',
    yaml: service('type: LoadBalncer\nports:\n  - port: 80'),
    expect: [
      'spec.type: Unsupported value: "LoadBalncer": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    ],
    covers: 'LoadBalncer',
  },
  {
    name: 'Deployment selector does not match the template labels',
    yaml: deployment(ctr(''))
      .replace('app: web\n  template', 'app: api-server\n  template')
      .replace('labels:\n        app: web', 'labels:\n        app: api'),
    expect: [
      'spec.template.metadata.labels: Invalid value: {"app":"api"}: `selector` does not match template `labels`',
    ],
    covers: 'app: api',
  },
  {
    name: 'Pod container named with a capital letter',
    yaml: pod('containers:\n  - name: Web\n    image: nginx'),
    expect: [`spec.containers[0].name: Invalid value: "Web": ${LABEL_1123}`],
    covers: 'Web',
  },
  {
    name: 'Pod containerPort 0',
    yaml: pod(ctr('ports:\n  - containerPort: 0')),
    expect: ['spec.containers[0].ports[0].containerPort: Required value'],
    covers: '0',
  },

  // --- object metadata (ValidateObjectMeta, ValidateLabels, ValidateAnnotations) ---------------
  {
    name: 'valid Deployment',
    yaml: deployment(ctr('ports:\n  - name: http\n    containerPort: 8080')),
    expect: [],
  },
  {
    name: 'Deployment name is a subdomain (dots allowed)',
    yaml: deployment(ctr('')).replace('name: web\nspec', 'name: web.v1\nspec'),
    expect: [],
  },
  {
    name: 'Deployment name with upper case',
    yaml: deployment(ctr('')).replace('name: web\nspec', 'name: WebApp\nspec'),
    expect: [`metadata.name: Invalid value: "WebApp": ${SUBDOMAIN}`],
  },
  {
    name: 'Namespace name with a dot (DNS label)',
    yaml: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team.a\n',
    expect: ['metadata.name: Invalid value: "team.a": must not contain dots'],
  },
  {
    name: 'name missing',
    yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    a: b\n',
    expect: ['metadata.name: Required value: name or generateName is required'],
  },
  {
    name: 'label value with a space and a key with two slashes',
    yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    app: my app\n    a/b/c: x\n',
    expect: [
      `metadata.labels: Invalid value: "my app": ${LABEL_VALUE}`,
      "metadata.labels: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ],
  },
  {
    name: 'label value longer than 63',
    yaml: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    a: ${'x'.repeat(64)}\n`,
    expect: [`metadata.labels: Invalid value: "${'x'.repeat(64)}": must be no more than 63 characters`],
  },
  {
    name: 'annotation key with an empty prefix; upper case allowed',
    yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    /x: a\n    Example.COM/Key: b\n',
    expect: ['metadata.annotations: Invalid value: "/x": prefix part must be non-empty'],
  },
  {
    name: 'annotation key name part invalid',
    yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    example.com/-x: a\n',
    expect: [`metadata.annotations: Invalid value: "example.com/-x": ${QNAME}`],
  },
  {
    name: 'annotations over 256 KiB',
    yaml: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    a: ${'x'.repeat(262144)}\n`,
    expect: ['metadata.annotations: Too long: may not be more than 262144 bytes'],
  },
  {
    name: 'namespace value not a DNS label',
    yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: Team_A\n',
    expect: [`metadata.namespace: Invalid value: "Team_A": ${LABEL_1123}`],
  },
  {
    name: 'CronJob name longer than 52',
    yaml: `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: ${'c'.repeat(53)}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n            - name: c\n              image: busybox\n`,
    expect: [`metadata.name: Invalid value: "${'c'.repeat(53)}": must be no more than 52 characters`],
  },

  // --- containers ------------------------------------------------------------------------------
  {
    name: 'duplicate container names across containers and initContainers',
    yaml: pod(`${ctr('')}\ninitContainers:\n  - name: web\n    image: busybox`),
    expect: ['spec.initContainers[0].name: Duplicate value: "web"'],
  },
  {
    name: 'container without image',
    yaml: pod('containers:\n  - name: web'),
    expect: ['spec.containers[0].image: Required value'],
  },
  {
    name: 'imagePullPolicy typo',
    yaml: pod(ctr('imagePullPolicy: Allways')),
    expect: [
      'spec.containers[0].imagePullPolicy: Unsupported value: "Allways": supported values: "Always", "IfNotPresent", "Never"',
    ],
  },
  {
    name: 'container port: name too long, protocol lower case, hostPort out of range',
    yaml: pod(
      ctr(
        'ports:\n  - name: a-very-long-port-name\n    containerPort: 80\n    hostPort: 65536\n    protocol: tcp',
      ),
    ),
    expect: [
      'spec.containers[0].ports[0].name: Invalid value: "a-very-long-port-name": must be no more than 15 characters',
      'spec.containers[0].ports[0].hostPort: Invalid value: 65536: must be between 1 and 65535, inclusive',
      'spec.containers[0].ports[0].protocol: Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"',
    ],
  },
  {
    name: 'container port names: IANA_SVC_NAME rules and duplicates',
    yaml: pod(
      ctr(
        'ports:\n  - name: "123"\n    containerPort: 1\n  - name: a--b\n    containerPort: 2\n  - name: http\n    containerPort: 3\n  - name: http\n    containerPort: 4',
      ),
    ),
    expect: [
      'spec.containers[0].ports[0].name: Invalid value: "123": must contain at least one letter (a-z)',
      'spec.containers[0].ports[1].name: Invalid value: "a--b": must not contain consecutive hyphens',
      'spec.containers[0].ports[3].name: Duplicate value: "http"',
    ],
  },
  {
    name: 'containerPort out of range',
    yaml: pod(ctr('ports:\n  - containerPort: 65536')),
    expect: [`spec.containers[0].ports[0].containerPort: Invalid value: 65536: ${PORT_RANGE}`],
  },
  {
    name: 'the same hostPort twice',
    yaml: pod(
      ctr('ports:\n  - containerPort: 80\n    hostPort: 8080\n  - containerPort: 81\n    hostPort: 8080'),
    ),
    expect: ['spec.containers[0].ports[1].hostPort: Duplicate value: "TCP//8080"'],
  },

  // --- env (ValidateEnv, RelaxedEnvironmentVariableValidation) ----------------------------------
  {
    name: 'env name starting with a digit: accepted since 1.32 (relaxed)',
    yaml: pod(ctr('env:\n  - name: 1FOO\n    value: x')),
    expect: [],
  },
  {
    name: 'env name starting with a digit before 1.32',
    yaml: pod(ctr('env:\n  - name: 1FOO\n    value: x')),
    version: '1.31',
    expect: [`spec.containers[0].env[0].name: Invalid value: "1FOO": ${ENV_STRICT}`],
  },
  {
    name: "env name with '=' is rejected even relaxed",
    yaml: pod(ctr('env:\n  - name: A=B\n    value: x')),
    expect: [`spec.containers[0].env[0].name: Invalid value: "A=B": ${ENV_RELAXED}`],
  },
  {
    name: 'env name ".." (strict)',
    yaml: pod(ctr('env:\n  - name: ".."')),
    version: '1.30',
    expect: [`spec.containers[0].env[0].name: Invalid value: "..": must not be '..'`],
  },
  {
    name: 'env valueFrom with two sources',
    yaml: pod(
      ctr(
        'env:\n  - name: A\n    valueFrom:\n      fieldRef:\n        fieldPath: metadata.name\n      secretKeyRef:\n        name: s\n        key: k',
      ),
    ),
    expect: [
      'spec.containers[0].env[0].valueFrom: Invalid value: "": may not have more than one field specified at a time',
    ],
  },
  {
    name: 'env value and valueFrom',
    yaml: pod(
      ctr(
        'env:\n  - name: A\n    value: x\n    valueFrom:\n      fieldRef:\n        fieldPath: metadata.name',
      ),
    ),
    expect: [
      'spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty',
    ],
  },
  {
    name: 'env fieldRef to an unsupported path',
    yaml: pod(ctr('env:\n  - name: A\n    valueFrom:\n      fieldRef:\n        fieldPath: status.phase')),
    expect: [
      'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "status.phase": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"',
    ],
  },
  {
    name: 'env fieldRef to an unknown label',
    yaml: pod(ctr('env:\n  - name: A\n    valueFrom:\n      fieldRef:\n        fieldPath: metadata.nme')),
    expect: [
      'spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Invalid value: "metadata.nme": error converting fieldPath: field label not supported: metadata.nme',
    ],
  },
  {
    name: 'secretKeyRef without key',
    yaml: pod(
      ctr('env:\n  - name: A\n    valueFrom:\n      secretKeyRef:\n        name: s\n        key: ""'),
    ),
    expect: ['spec.containers[0].env[0].valueFrom.secretKeyRef.key: Required value'],
  },
  {
    name: 'envFrom with neither source',
    yaml: pod(ctr('envFrom:\n  - prefix: A_')),
    expect: [
      'spec.containers[0].envFrom: Invalid value: "": must specify one of: `configMapRef` or `secretRef`',
    ],
  },

  // --- probes and lifecycle ---------------------------------------------------------------------
  {
    name: 'probe with two handlers',
    yaml: pod(ctr('livenessProbe:\n  httpGet:\n    port: 80\n  tcpSocket:\n    port: 80')),
    expect: [
      'spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type',
    ],
  },
  {
    name: 'probe without handler',
    yaml: pod(ctr('readinessProbe:\n  periodSeconds: 5')),
    expect: ['spec.containers[0].readinessProbe: Required value: must specify a handler type'],
  },
  {
    name: 'liveness successThreshold must be 1; negative period',
    yaml: pod(
      ctr('livenessProbe:\n  exec:\n    command: [true]\n  successThreshold: 2\n  periodSeconds: -1'),
    ),
    expect: [
      'spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0',
      'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1',
    ],
  },
  {
    name: 'httpGet named port invalid',
    yaml: pod(ctr('readinessProbe:\n  httpGet:\n    port: Http')),
    expect: [
      'spec.containers[0].readinessProbe.httpGet.port: Invalid value: "Http": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    ],
  },
  {
    name: 'preStop without handler',
    yaml: pod(ctr('lifecycle:\n  preStop: {}')),
    expect: ['spec.containers[0].lifecycle.preStop: Required value: must specify a handler type'],
  },

  // --- resources --------------------------------------------------------------------------------
  {
    name: 'cpu request above limit',
    yaml: pod(ctr('resources:\n  requests:\n    cpu: "2"\n  limits:\n    cpu: 1000m')),
    expect: [
      'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    ],
  },
  {
    name: 'memory request above limit in binary units',
    yaml: pod(ctr('resources:\n  requests:\n    memory: 2Gi\n  limits:\n    memory: 1024Mi')),
    expect: [
      'spec.containers[0].resources.requests: Invalid value: "2Gi": must be less than or equal to memory limit of 1Gi',
    ],
  },
  {
    name: 'requests equal to limits and below',
    yaml: pod(
      ctr(
        'resources:\n  requests:\n    cpu: 500m\n    memory: 1G\n  limits:\n    cpu: "0.5"\n    memory: 1Gi',
      ),
    ),
    expect: [],
  },
  {
    name: 'unknown resource name',
    yaml: pod(ctr('resources:\n  limits:\n    cpus: "1"')),
    expect: [
      'spec.containers[0].resources.limits[cpus]: Invalid value: "cpus": must be a standard resource for containers',
    ],
  },
  {
    name: 'extended resource request without limit',
    yaml: pod(ctr('resources:\n  requests:\n    nvidia.com/gpu: 1')),
    expect: [
      'spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources',
    ],
  },

  // --- restart policies and native sidecars -----------------------------------------------------
  {
    name: 'native sidecar (init container with restartPolicy Always) and its probes',
    yaml: pod(
      `${ctr('')}\ninitContainers:\n  - name: proxy\n    image: envoy\n    restartPolicy: Always\n    readinessProbe:\n      tcpSocket:\n        port: 15021`,
    ),
    expect: [],
  },
  {
    name: 'init container probe without restartPolicy Always',
    yaml: pod(
      `${ctr('')}\ninitContainers:\n  - name: init\n    image: busybox\n    readinessProbe:\n      tcpSocket:\n        port: 80`,
    ),
    expect: [
      'spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always',
    ],
  },
  {
    name: 'init container restartPolicy other than Always before 1.35',
    yaml: pod(`${ctr('')}\ninitContainers:\n  - name: init\n    image: busybox\n    restartPolicy: Never`),
    version: '1.34',
    expect: ['spec.initContainers[0].restartPolicy: Unsupported value: "Never": supported values: "Always"'],
  },
  {
    name: 'restartPolicy on a regular container before 1.35',
    yaml: pod(ctr('restartPolicy: Always')),
    version: '1.34',
    expect: ['spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers'],
  },
  {
    name: 'restartPolicy on a regular container in 1.35 (ContainerRestartRules beta)',
    yaml: pod(ctr('restartPolicy: Always')),
    expect: [],
  },
  {
    name: 'pod restartPolicy typo',
    yaml: pod(`${ctr('')}\nrestartPolicy: Allways`),
    expect: [
      'spec.restartPolicy: Unsupported value: "Allways": supported values: "Always", "OnFailure", "Never"',
    ],
  },
  {
    name: 'Deployment template restartPolicy Never',
    yaml: deployment(`${ctr('')}\nrestartPolicy: Never`),
    expect: ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
  },

  // --- volumes ----------------------------------------------------------------------------------
  {
    name: 'volumeMount of an undeclared volume',
    yaml: pod(ctr('volumeMounts:\n  - name: data\n    mountPath: /data')),
    expect: ['spec.containers[0].volumeMounts[0].name: Not found: "data"'],
  },
  {
    name: 'volume with two sources, and its mount',
    yaml: pod(
      `${ctr('volumeMounts:\n  - name: data\n    mountPath: /data')}\nvolumes:\n  - name: data\n    emptyDir: {}\n    configMap:\n      name: c`,
    ),
    expect: [
      'spec.volumes[0].configMap: Forbidden: may not specify more than 1 volume type',
      'spec.containers[0].volumeMounts[0].name: Not found: "data"',
    ],
  },
  {
    name: 'volume without a source defaults to emptyDir',
    yaml: pod(`${ctr('volumeMounts:\n  - name: data\n    mountPath: /data')}\nvolumes:\n  - name: data`),
    expect: [],
  },
  {
    name: 'duplicate volume names and mount paths',
    yaml: pod(
      `${ctr('volumeMounts:\n  - name: a\n    mountPath: /x\n  - name: a\n    mountPath: /x')}\nvolumes:\n  - name: a\n    emptyDir: {}\n  - name: a\n    emptyDir: {}`,
    ),
    expect: [
      'spec.volumes[1].name: Duplicate value: "a"',
      'spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/x": must be unique',
    ],
  },
  {
    name: 'secret volume: mode out of range, absolute item path',
    yaml: pod(
      `${ctr('')}\nvolumes:\n  - name: s\n    secret:\n      secretName: s\n      defaultMode: 1000\n      items:\n        - key: k\n          path: /abs`,
    ),
    expect: [
      'spec.volumes[0].secret.defaultMode: Invalid value: 1000: must be a number between 0 and 0777 (octal), both inclusive',
      'spec.volumes[0].secret.items[0].path: Invalid value: "/abs": must be a relative path',
    ],
  },
  {
    name: 'volume name not a DNS label',
    yaml: pod(`${ctr('')}\nvolumes:\n  - name: My_Vol\n    emptyDir: {}`),
    expect: [`spec.volumes[0].name: Invalid value: "My_Vol": ${LABEL_1123}`],
  },

  // --- pod-level fields -------------------------------------------------------------------------
  {
    name: 'dnsPolicy typo and serviceAccountName with upper case',
    yaml: pod(`${ctr('')}\ndnsPolicy: ClusterFirstt\nserviceAccountName: MyAccount`),
    expect: [
      'spec.dnsPolicy: Unsupported value: "ClusterFirstt": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"',
      `spec.serviceAccountName: Invalid value: "MyAccount": ${SUBDOMAIN}`,
    ],
  },
  {
    name: 'toleration: Exists with a value; effect typo',
    yaml: pod(
      `${ctr('')}\ntolerations:\n  - key: k\n    operator: Exists\n    value: v\n    effect: NoSchedul`,
    ),
    expect: [
      'spec.tolerations[0].operator: Invalid value: {"effect":"NoSchedul","key":"k","operator":"Exists","value":"v"}: value must be empty when `operator` is \'Exists\'',
      'spec.tolerations[0].effect: Unsupported value: "NoSchedul": supported values: "NoSchedule", "PreferNoSchedule", "NoExecute"',
    ],
  },
  {
    name: 'nodeSelector label value invalid',
    yaml: pod(`${ctr('')}\nnodeSelector:\n  zone: "a b"`),
    expect: [`spec.nodeSelector: Invalid value: "a b": ${LABEL_VALUE}`],
  },
  {
    name: 'template labels are validated under spec.template.labels',
    yaml: deployment(ctr('')).replace('app: web\n    spec:', 'app: web\n        "bad key!": x\n    spec:'),
    expect: [
      "spec.template.labels: Invalid value: \"bad key!\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ],
  },
];

describe('k8s-validation', () => {
  for (const c of cases) {
    it(c.name, () => {
      const found = k8sFindings(c.yaml, c.version);
      assert.deepEqual(found.map((f) => f.message).sort(), [...c.expect].sort());
      if (c.covers !== undefined) assert.equal(found[0]?.covers, c.covers);
    });
  }
});
