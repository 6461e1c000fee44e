// The structural-validation rules, table-driven: unknown-field, invalid-type, missing-required,
// invalid-enum, invalid-format, invalid-value, conflicting-fields, non-string-metadata, through the
// RuleTester (a case with no errors is a valid one).
import { STRUCTURAL_RULES } from '../../server/src/engine/rules';
import { Severity } from '../../server/src/engine/model/diagnostic';
import { ruleTester, type InvalidCase } from '../helpers/ruleTester';

const change = (to: string) => `Change to '${to}'`;
const QUOTE = /^Quote .* as a string$/;
const VS =
  'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: r\nspec:\n  hosts: [r]\n';
const DEP = (podSpec: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels: {app: d}\n  template:\n    metadata:\n      labels: {app: d}\n    spec:\n${podSpec}`;
const ING = (paths: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\nspec:\n  rules:\n  - http:\n      paths: ${paths}\n`;
const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n';

const cases: InvalidCase[] = [
  // unknown-field
  {
    name: 'valid VirtualService',
    yaml:
      VS +
      '  http:\n  - route:\n    - destination: {host: r, port: {number: 80}}\n      weight: 100\n    timeout: 1.5s\n',
    errors: [],
  },
  {
    name: 'misspelt field: did you mean',
    yaml: VS + '  http:\n  - rout: []\n',
    errors: [
      {
        code: 'unknown-field',
        covers: 'rout',
        message: /Unknown field `rout` in spec\.http\[0\]; did you mean `route`\?/,
        fixes: [change('route')],
      },
    ],
    output: VS + '  http:\n  - route: []\n',
  },
  {
    name: 'a field cut short (an older name): did you mean the field it begins',
    yaml:
      VS +
      '  http:\n  - fault:\n      abort: {percent: 50, httpStatus: 500}\n    route:\n    - destination: {host: r}\n',
    errors: [
      {
        code: 'unknown-field',
        covers: 'percent',
        message: /Unknown field `percent` in spec\.http\[0\]\.fault\.abort; did you mean `percentage`\?/,
        fixes: [change('percentage')],
      },
    ],
    output:
      VS +
      '  http:\n  - fault:\n      abort: {percentage: 50, httpStatus: 500}\n    route:\n    - destination: {host: r}\n',
  },
  {
    name: 'a field without its last word: did you mean the field it begins',
    yaml:
      'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: d\nspec:\n  host: r\n' +
      '  trafficPolicy:\n    outlierDetection: {consecutive5xx: 3, interval: 30s}\n',
    errors: [
      {
        code: 'unknown-field',
        covers: 'consecutive5xx',
        message:
          /Unknown field `consecutive5xx` in spec\.trafficPolicy\.outlierDetection; did you mean `consecutive5xxErrors`\?/,
        fixes: [change('consecutive5xxErrors')],
      },
    ],
    output:
      'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: d\nspec:\n  host: r\n' +
      '  trafficPolicy:\n    outlierDetection: {consecutive5xxErrors: 3, interval: 30s}\n',
  },
  {
    name: 'field one level too high',
    yaml: VS + '  http:\n  - route:\n    - destination: {host: r}\n    subset: v1\n',
    errors: [{ code: 'unknown-field', covers: 'subset', message: /it belongs under `route\.destination`/ }],
  },
  {
    // `filter` is within a slip's distance of `subFilter`, but the mapping has it: renaming would repeat it.
    name: 'a field of a sibling written beside it: no rename to a key the mapping has, it belongs under the sibling',
    yaml:
      'apiVersion: networking.istio.io/v1alpha3\nkind: EnvoyFilter\nmetadata:\n  name: f\nspec:\n  configPatches:\n' +
      '  - applyTo: HTTP_FILTER\n    match:\n      listener:\n        filterChain:\n' +
      '          filter: {name: envoy.filters.network.http_connection_manager}\n' +
      '          subFilter: {name: envoy.filters.http.router}\n' +
      '    patch:\n      operation: INSERT_BEFORE\n      value: {name: envoy.filters.http.lua}\n',
    errors: [
      {
        code: 'unknown-field',
        covers: 'subFilter',
        message:
          /^Unknown field `subFilter` in spec\.configPatches\[0\]\.match\.listener\.filterChain; it belongs under `filter`$/,
      },
    ],
  },
  {
    // `interval` alone would fit the nearer `http2KeepAlive`; written with outlierDetection's other fields,
    // it belongs where they do.
    name: 'keys misplaced together belong together: the hint follows the keys beside it',
    yaml:
      'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: d\nspec:\n  host: r\n' +
      '  trafficPolicy:\n    connectionPool:\n      http:\n        http1MaxPendingRequests: 10\n' +
      '        consecutiveGatewayErrors: 5\n        interval: 30s\n',
    errors: [
      {
        code: 'unknown-field',
        covers: 'consecutiveGatewayErrors',
        message: /it belongs under `spec\.trafficPolicy\.outlierDetection`$/,
      },
      {
        code: 'unknown-field',
        covers: 'interval',
        message: /it belongs under `spec\.trafficPolicy\.outlierDetection`$/,
      },
    ],
  },
  {
    name: 'a mapping moved one level up keeps its keys: the hint names where they fit',
    yaml: VS + '  http:\n  - route:\n    - destination: {host: r}\n      port: {number: 80}\n',
    errors: [{ code: 'unknown-field', covers: 'port', message: /it belongs under `destination`/ }],
  },
  {
    // An Istio Gateway's `selector` written on a Gateway API Gateway: the `selector` deeper down
    // (allowedListeners.namespaces) is a LabelSelector, which declares none of `istio`; not this field misplaced.
    name: 'a same-named field whose schema fits none of the keys written is no place to move it',
    yaml: 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: g\nspec:\n  gatewayClassName: istio\n  selector: {istio: ingressgateway}\n  listeners:\n  - {name: http, port: 80, protocol: HTTP}\n',
    errors: [
      {
        code: 'unknown-field',
        covers: 'selector',
        message: /^Unknown field `selector` in spec\. Allowed here: addresses, allowedListeners, /,
      },
    ],
  },
  {
    name: 'field in the parent',
    yaml: VS + '  http:\n  - route:\n    - destination: {host: r}\n      timeout: 1s\n',
    errors: [{ code: 'unknown-field', covers: 'timeout', message: /it belongs in `spec\.http\[0\]`/ }],
  },
  {
    name: 'unknown top-level field',
    yaml: CM + 'spec: {}\n',
    errors: [{ code: 'unknown-field', covers: 'spec', message: /Unknown field `spec`/ }],
  },
  {
    name: 'unknown metadata field',
    yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  lables: {}\n',
    errors: [
      {
        code: 'unknown-field',
        covers: 'lables',
        message: /did you mean `labels`/,
        fixes: [change('labels')],
      },
    ],
    output: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: {}\n',
  },
  { name: 'free-form maps allow any key', yaml: CM + 'data:\n  anything: "1"\n', errors: [] },
  {
    name: 'preserve-unknown-fields allows any key',
    yaml: 'apiVersion: networking.istio.io/v1alpha3\nkind: EnvoyFilter\nmetadata:\n  name: e\nspec:\n  configPatches:\n  - applyTo: HTTP_FILTER\n    patch:\n      operation: INSERT_BEFORE\n      value:\n        name: x\n        typed_config: {any: thing}\n',
    errors: [],
  },
  // invalid-type
  {
    name: 'a bare path where a mapping with `path` goes: the mapping is the fix',
    yaml: ING('["/api"]'),
    errors: [
      {
        code: 'invalid-type',
        covers: '"/api"',
        message:
          'spec.rules[0].http.paths[0] must be a mapping, not string "/api" (a path goes under `path`: `path: /api`)',
        fixes: [change('{path: "/api"}')],
      },
    ],
    output: ING('[{path: "/api"}]'),
  },
  {
    name: 'string for integer',
    yaml: DEP('      containers: [{name: a, image: b, ports: [{containerPort: "80"}]}]\n'),
    errors: [
      {
        code: 'invalid-type',
        covers: '"80"',
        message: /containerPort must be an integer, not string "80"/,
        fixes: [change('80')],
      },
    ],
    output: DEP('      containers: [{name: a, image: b, ports: [{containerPort: 80}]}]\n'),
  },
  {
    name: 'integer for string',
    yaml: CM + 'data:\n  port: 80\n',
    errors: [
      {
        code: 'invalid-type',
        covers: '80',
        message: /data\.port must be a string, not integer 80/,
        fixes: [QUOTE],
      },
    ],
    output: CM + 'data:\n  port: "80"\n',
  },
  {
    name: 'scalar for list',
    yaml: VS.replace('hosts: [r]', 'hosts: r'),
    errors: [{ code: 'invalid-type', covers: 'r', message: /spec\.hosts must be a list, not string "r"/ }],
  },
  {
    name: 'list for mapping',
    yaml: VS + '  http:\n  - route:\n    - destination:\n      - host: r\n',
    errors: [
      { code: 'invalid-type', covers: '- host: r', message: /destination must be a mapping, not a list/ },
    ],
  },
  {
    name: 'int-or-string takes both',
    yaml: DEP(
      '      containers: [{name: a, image: b, readinessProbe: {httpGet: {port: http}}, livenessProbe: {httpGet: {port: 8080}}}]\n',
    ),
    errors: [],
  },
  { name: 'null is absent', yaml: CM + 'data:\n', errors: [] },
  {
    name: 'status is not checked',
    yaml: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nstatus:\n  bogus: 1\n',
    errors: [],
  },
  {
    name: 'status where the kind has none',
    yaml: CM + 'status: {}\n',
    errors: [{ code: 'unknown-field', covers: 'status', message: /Unknown field `status`/ }],
  },
  // missing-required
  {
    name: 'missing required on the parent key',
    yaml: VS + '  http:\n  - route:\n    - destination:\n        port: {number: 80}\n',
    errors: [
      {
        code: 'missing-required',
        covers: 'destination',
        message: /Missing required field `host` in spec\.http\[0\]\.route\[0\]\.destination/,
      },
    ],
  },
  {
    name: 'missing required at the top is on kind',
    yaml: 'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: s\n',
    errors: [{ code: 'missing-required', covers: 'ServiceEntry', message: /Missing required field `spec`/ }],
  },
  {
    name: 'missing containers',
    yaml: DEP('      restartPolicy: Always\n'),
    errors: [{ code: 'missing-required', covers: 'spec', message: /`containers` in spec\.template\.spec/ }],
  },
  // invalid-enum
  {
    name: 'enum typo',
    yaml: 'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: s\nspec:\n  hosts: [a.com]\n  resolution: DSN\n',
    errors: [
      {
        code: 'invalid-enum',
        covers: 'DSN',
        message:
          /"DSN" is not allowed at spec\.resolution; use one of `NONE`, `STATIC`, `DNS`, `DNS_ROUND_ROBIN` or `DYNAMIC_DNS` \(did you mean DNS\?\)/,
        fixes: [change('DNS')],
      },
    ],
    output:
      'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata:\n  name: s\nspec:\n  hosts: [a.com]\n  resolution: DNS\n',
  },
  // invalid-format
  {
    name: 'bad duration',
    yaml: VS + '  http:\n  - timeout: 5 seconds\n',
    errors: [{ code: 'invalid-format', covers: '5 seconds', message: /"5 seconds" is not a duration/ }],
  },
  { name: 'good durations', yaml: VS + '  http:\n  - timeout: 1h2m3.5s\n  - timeout: 250ms\n', errors: [] },
  {
    name: 'bad quantity',
    yaml: DEP('      containers: [{name: a, image: b, resources: {limits: {cpu: 1 core, memory: 1Gi}}}]\n'),
    errors: [{ code: 'invalid-format', covers: '1 core', message: /"1 core" is not a quantity/ }],
  },
  {
    name: 'numbers are quantities',
    yaml: DEP('      containers: [{name: a, image: b, resources: {limits: {cpu: 0.5, memory: 1e9}}}]\n'),
    errors: [],
  },
  {
    name: 'bad base64',
    yaml: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  password: hunter2!\n',
    errors: [
      {
        code: 'invalid-format',
        covers: 'hunter2!',
        message: 'data.password: value is not valid base64: "hunter2!" (use stringData for plain text)',
      },
    ],
  },
  {
    // stringData is a Secret's: a webhook's caBundle has no plain-text twin to point at
    name: 'bad base64 outside a Secret',
    yaml: 'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nmetadata:\n  name: w\nwebhooks:\n- name: a.b.c\n  admissionReviewVersions: [v1]\n  sideEffects: None\n  clientConfig:\n    url: https://x.example.com\n    caBundle: LS0tLQo\n',
    errors: [
      {
        code: 'invalid-format',
        covers: 'LS0tLQo',
        message: 'webhooks[0].clientConfig.caBundle: value is not valid base64: "LS0tLQo"',
      },
    ],
  },
  {
    // Go's decoder skips newlines only: a space inside is an error.
    name: 'base64 with a space',
    yaml: 'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nmetadata:\n  name: w\nwebhooks:\n- name: a.b.c\n  admissionReviewVersions: [v1]\n  sideEffects: None\n  clientConfig:\n    url: https://x.example.com\n    caBundle: "LS0t LQo="\n',
    errors: [
      {
        code: 'invalid-format',
        covers: '"LS0t LQo="',
        message: 'webhooks[0].clientConfig.caBundle: value is not valid base64: "LS0t LQo="',
      },
    ],
  },
  {
    name: 'base64 over several lines',
    yaml: 'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nmetadata:\n  name: w\nwebhooks:\n- name: a.b.c\n  admissionReviewVersions: [v1]\n  sideEffects: None\n  clientConfig:\n    url: https://x.example.com\n    caBundle: |\n      LS0t\n      LQo=\n',
    errors: [],
  },
  {
    name: 'int32 overflow',
    yaml: DEP('      containers: [{name: a, image: b, ports: [{containerPort: 3000000000}]}]\n'),
    errors: [{ code: 'invalid-format', covers: '3000000000', message: /does not fit in a 32-bit integer/ }],
  },
  // invalid-value
  {
    name: 'below minimum',
    yaml: 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r\nspec:\n  rules:\n  - backendRefs:\n    - {name: a, port: 80, weight: -1}\n',
    errors: [{ code: 'invalid-value', covers: '-1', message: /weight must be at least 0/ }],
  },
  {
    name: 'duplicate list-map entry of a custom resource (the API server rejects it)',
    yaml: 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: g\nspec:\n  gatewayClassName: istio\n  listeners:\n  - {name: http, port: 80, protocol: HTTP}\n  - {name: http, port: 81, protocol: HTTP}\n',
    errors: [
      {
        code: 'invalid-value',
        covers: '{name: http, port: 81, protocol: HTTP}',
        message:
          /Duplicate entry with name=http in spec\.listeners \(item 0 has it already\); entries must be unique$/,
        severity: Severity.Error,
      },
    ],
  },
  {
    // The API server accepts it (with a warning); server-side apply's merge keys refuse it.
    name: 'duplicate list-map entry of a built-in kind is a warning',
    yaml: DEP(
      '      containers: [{name: a, image: b, env: [{name: X, value: "1"}, {name: X, value: "2"}]}]\n',
    ),
    errors: [
      {
        code: 'invalid-value',
        covers: '{name: X, value: "2"}',
        message:
          /Duplicate entry with name=X .*: server-side apply \(`kubectl apply --server-side`, Flux\) rejects duplicate entries; client-side apply keeps both$/,
        severity: Severity.Warning,
      },
    ],
  },
  {
    // The API server's own validation rejects a repeated Service port: k8s-validation reports it.
    name: 'a duplicate the API server rejects is not reported twice',
    yaml: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - {name: a, port: 80}\n  - {name: b, port: 80}\n',
    errors: [],
  },
  // conflicting-fields
  {
    name: 'exact and prefix together',
    yaml: VS + '  http:\n  - match:\n    - uri:\n        exact: /a\n        prefix: /b\n',
    errors: [
      {
        code: 'conflicting-fields',
        covers: 'prefix',
        message:
          /Only one of `exact`, `prefix` or `regex` may be set in spec\.http\[0\]\.match\[0\]\.uri; found `exact` and `prefix`/,
      },
    ],
  },
  // non-string-metadata
  {
    name: 'boolean annotation',
    yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    sidecar.istio.io/inject: false\nspec:\n  containers: [{name: a, image: b}]\n',
    errors: [
      {
        code: 'non-string-metadata',
        covers: 'false',
        message: /Annotation `sidecar\.istio\.io\/inject` must be a string/,
        fixes: [QUOTE],
      },
    ],
    output:
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    sidecar.istio.io/inject: "false"\nspec:\n  containers: [{name: a, image: b}]\n',
  },
  {
    name: 'numeric label',
    yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    version: 2\n',
    errors: [
      {
        code: 'non-string-metadata',
        covers: '2',
        message: /Label `version` must be a string/,
        fixes: [QUOTE],
      },
    ],
    output: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    version: "2"\n',
  },
  {
    name: 'quoted values are fine',
    yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    version: "2"\n  annotations:\n    a: "true"\n',
    errors: [],
  },
];

ruleTester(STRUCTURAL_RULES, {
  valid: cases.filter((c) => !c.errors.length),
  invalid: cases.filter((c) => c.errors.length),
});
