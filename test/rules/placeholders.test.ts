// A value substituted before apply (util/placeholder.ts) is reported as information with a note, by
// every rule that validates values (CEL, annotations, the webhook, the schema's types, formats and enums); a typo where a word can be valid
// (an enum) is still an error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { Severity } from '../../server/src/engine/model/diagnostic';
import { couldBecome, isPlaceholder } from '../../server/src/engine/util/placeholder';
import { testEnv } from '../helpers/env';

const findings = (yaml: string, code: string) =>
  checkFile(parseFile('file:///t.yaml', yaml), testEnv())
    .filter((d) => d.code === code)
    .map((d) => ({ severity: d.severity, message: d.message }));

const requestAuthn = (jwksUri: string) => `apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: {name: jwt, namespace: istio-system}
spec:
  jwtRules:
  - issuer: https://issuer.example.com
    jwksUri: ${jwksUri}
`;

test('CEL: a URL written as a placeholder is information, a malformed URL an error', () => {
  // Istio's webhook checks the same value, and IST0106 reports it alone (next test); with IST0106 switched
  // off, the CRD's rule reports it.
  const cel = (yaml: string) =>
    checkFile(parseFile('file:///t.yaml', yaml), testEnv({ disabledCodes: ['IST0106'] }))
      .filter((d) => d.code === 'cel-validation')
      .map((d) => ({ severity: d.severity, message: d.message }));
  const placeholder = cel(requestAuthn('JWKS_URI'));
  assert.equal(placeholder.length, 1);
  assert.equal(placeholder[0].severity, Severity.Information);
  assert.match(
    placeholder[0].message,
    /url must have scheme.*looks like a placeholder substituted before apply/,
  );
  const wrong = cel(requestAuthn('issuer.example.com/keys'));
  assert.deepEqual(
    wrong.map((f) => f.severity),
    [Severity.Error],
  );
});

test("the webhook: the same placeholder is one finding, IST0106's, and information", () => {
  const all = (yaml: string) =>
    checkFile(parseFile('file:///t.yaml', yaml), testEnv()).map((d) => [d.code, d.severity]);
  assert.deepEqual(all(requestAuthn('JWKS_URI')), [['IST0106', Severity.Information]]);
  assert.deepEqual(all(requestAuthn('issuer.example.com/keys')), [['IST0106', Severity.Error]]);
});

const pod = (annotation: string, value: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    ${annotation}: "${value}"
spec:
  containers:
  - {name: app, image: app}
`;

test('annotations: a port placeholder is information, a bad port or a misspelt enum value is not', () => {
  const excluded = 'traffic.sidecar.istio.io/excludeOutboundPorts';
  const [ph] = findings(pod(excluded, 'MYSQL_PORT_PLACEHOLDER'), 'IST0125');
  assert.equal(ph.severity, Severity.Information);
  assert.match(ph.message, /failed parsing port.*placeholder substituted before apply/);
  const [caps] = findings(pod(excluded, 'DB_PORT'), 'IST0125');
  assert.equal(caps.severity, Severity.Information, 'an ALL_CAPS name can never be a port');
  const [bad] = findings(pod(excluded, '33o6'), 'IST0125');
  assert.notEqual(bad.severity, Severity.Information);
  const [enumTypo] = findings(pod('sidecar.istio.io/interceptionMode', 'RE_DIRECT'), 'IST0125');
  assert.notEqual(enumTypo.severity, Severity.Information, 'where words are valid, a word is a typo');
});

test('webhook: an address written as a <placeholder> is information', () => {
  const policy = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ingress, namespace: istio-system}
spec:
  selector:
    matchLabels: {istio: ingressgateway}
  rules:
  - from:
    - source:
        ipBlocks: ["<<CLIENT_IP>>", "10.0.0.300"]
`;
  assert.deepEqual(
    findings(policy, 'IST0106').map((f) => f.severity),
    [Severity.Information, Severity.Error],
  );
});

test('an IPv4 address written as its template (x.x.x.x, ip.ip.ip.ip) is information; a host name where an address belongs is an error', () => {
  const entry = (address: string) => `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: squid, namespace: proxy}
spec:
  hosts: [squid-proxy.local]
  ports: [{name: http, number: 8443, protocol: HTTP}]
  resolution: STATIC
  endpoints:
  - address: ${address}
`;
  for (const a of ['ip.ip.ip.ip', 'x.x.x.x', 'X.X.X.X', '10.0.x.x']) {
    const [f] = findings(entry(a), 'IST0106');
    assert.equal(f?.severity, Severity.Information, a);
    assert.match(f.message, /not a valid IP address.*placeholder substituted before apply/, a);
  }
  for (const a of ['a.b.c.d', 'db.corp.example.com', '10.0.0.300'])
    assert.deepEqual(
      findings(entry(a), 'IST0106').map((f) => f.severity),
      [Severity.Error],
      a,
    );
  const policy = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: office, namespace: istio-system}
spec:
  rules:
  - from:
    - source:
        ipBlocks: ["x.x.x.x/32", "y.x.x.x/32"]
`;
  assert.deepEqual(
    findings(policy, 'IST0106').map((f) => f.severity),
    [Severity.Information, Severity.Error],
  );
  // Where a word can be valid, the template shape proves nothing.
  assert.ok(!isPlaceholder('x.x.x.x', { wordsAllowed: true }));
});

test('API server: a namespace given as a `$VAR` or an ALL_CAPS name is information, a bad one an error', () => {
  const service = (ns: string) => `apiVersion: v1
kind: Service
metadata: {name: echo, namespace: "${ns}"}
spec:
  selector: {app: echo}
  ports: [{name: http, port: 80}]
`;
  // No upper-case word is a namespace name: ONLINEBOUTIQUE_NAMESPACE is substituted (sed, kpt), not a typo.
  for (const ns of ['$NAMESPACE', '$TEAM-prod', 'ONLINEBOUTIQUE_NAMESPACE']) {
    const [f] = findings(service(ns), 'k8s-validation');
    assert.equal(f.severity, Severity.Information, ns);
    assert.match(f.message, /metadata\.namespace: Invalid value.*placeholder substituted before apply/);
  }
  assert.deepEqual(
    findings(service('My_Namespace'), 'k8s-validation').map((f) => f.severity),
    [Severity.Error],
  );
});

test('webhook: a gateway host with envsubst variables is information', () => {
  const gateway = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: web, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["$STUDENT_NS.sentences.$DOMAIN", "bad_host.example.com"]
`;
  assert.deepEqual(
    findings(gateway, 'IST0106').map((f) => f.severity),
    [Severity.Information, Severity.Error],
  );
});

test('isPlaceholder: substitution syntaxes, and words only where no word is valid', () => {
  for (const v of [
    '$(SERVICE_HOST)',
    '${DOMAIN}',
    '$STUDENT_NS.sentences.example.com',
    '{{ .Values.host }}',
    'x-PLACEHOLDER',
    'api.MY_DOMAIN.com',
    '<<CLIENT_IP>>',
    '<your-ip>/32',
    'https://<auth host>/keys',
  ])
    assert.ok(isPlaceholder(v, { wordsAllowed: true }), v);
  assert.ok(isPlaceholder('JWKS_URI', { wordsAllowed: false }));
  assert.ok(!isPlaceholder('ISTIO_MUTUAL', { wordsAllowed: true }));
  for (const v of ['api.example.com', 'SIMPLE', 'http://x', 8080, '<.*>', 'a<b', '^/api$', 'cost$1'])
    assert.ok(!isPlaceholder(v, { wordsAllowed: false }), String(v));
});

test('API server: a name or namespace written as a placeholder is information, a bad name an error', () => {
  const service = (name: string, ns: string) =>
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  ports:\n  - {name: http, port: 80}\n`;
  const placeholder = findings(service('${SERVICE}', '<your-namespace>'), 'k8s-validation');
  assert.deepEqual(
    placeholder.map((f) => f.severity),
    [Severity.Information, Severity.Information],
  );
  assert.match(placeholder[0].message, /^metadata\.name: Invalid value: "\$\{SERVICE\}".*placeholder/);
  const wrong = findings(service('My_Service', 'team_a'), 'k8s-validation');
  assert.deepEqual(
    wrong.map((f) => f.severity),
    [Severity.Error, Severity.Error],
  );
});

test('API server: a name that calls itself a placeholder, in any case, is information', () => {
  // UI and e2e fixtures (`placeholderName`, replaced by the test before it applies the file) are
  // templates as much as `${NAME}` is; an upper-case name that says nothing of the kind is an error.
  const pod = (name: string, ns: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  containers:\n  - {name: app, image: app}\n`;
  assert.deepEqual(
    findings(pod('placeholderName', 'placeholderNamespace'), 'k8s-validation').map((f) => f.severity),
    [Severity.Information, Severity.Information],
  );
  assert.deepEqual(
    findings(pod('Placeholder_Pod', 'Team-A'), 'k8s-validation').map((f) => f.severity),
    [Severity.Information, Severity.Error],
  );
  assert.ok(couldBecome('placeholder-gw', 'shop-gw'));
  assert.ok(!couldBecome('placeholder-gw', 'shop-vs'));
});

test('couldBecome: a name with placeholders matches the names its literal parts allow', () => {
  assert.ok(couldBecome('<YOUR_NAMESPACE>-sentences', 'user2-sentences'));
  assert.ok(couldBecome('${TEAM}-gw', 'blue-gw'));
  assert.ok(couldBecome('$(PREFIX)web', 'shop-web'));
  assert.ok(!couldBecome('<YOUR_NAMESPACE>-sentences', 'user2-gateway'));
  assert.ok(!couldBecome('shop-gw', 'shop-gw'), 'no placeholder: an ordinary name');
  assert.ok(!couldBecome('a.b-<X>', 'aXb-c'), 'literal parts are matched literally');
});

test('a value starting with a %VAR% placeholder: the syntax error is information, the rest is checked', () => {
  const all = (yaml: string) =>
    checkFile(parseFile('file:///t.yaml', yaml), testEnv()).map((d) => ({
      code: d.code,
      severity: d.severity,
      message: d.message,
      line: d.range.start.line,
      width: d.range.end.character - d.range.start.character,
    }));
  const template = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: %REGISTRY%/web:%TAG%
        imagePullPolicy: Sometimes
`;
  const found = all(template);
  // YAML reads no plain value starting with '%', but the file is a template: the marker is substituted.
  assert.deepEqual(
    found.filter((d) => d.code === 'yaml-syntax'),
    [
      {
        code: 'yaml-syntax',
        severity: Severity.Information,
        message:
          'Plain value cannot start with directive indicator character % (the value looks like a placeholder substituted before apply)',
        line: 12,
        width: '%REGISTRY%'.length,
      },
    ],
  );
  // The parse keeps the value as a string: the document is checked as the substituted file would be.
  assert.deepEqual(
    found.filter((d) => d.code === 'k8s-validation').map((d) => [d.severity, d.line]),
    [[Severity.Error, 13]],
  );
  // Other syntax errors of the file stay errors, and so does a '%' that is no placeholder.
  const broken = `${template}---
apiVersion: v1
kind: ConfigMap
metadata: {name: c, namespace: shop}
data:
  a: %host%
  b: %2F%
  c: %TAG
`;
  assert.deepEqual(
    all(broken)
      .filter((d) => d.code === 'yaml-syntax')
      .map((d) => [d.severity, d.line]),
    [
      [Severity.Information, 12],
      [Severity.Error, 19],
      [Severity.Error, 20],
      [Severity.Error, 21],
    ],
  );
});

test('webhook: a host written as a %VAR% placeholder is information', () => {
  const vs = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: shop}
spec:
  hosts:
  - %HOST%
  - "%APP%.example.com"
  - bad_host.example.com
  http:
  - route:
    - destination: {host: web}
`;
  assert.deepEqual(
    findings(vs, 'IST0106').map((f) => f.severity),
    [Severity.Information, Severity.Information, Severity.Error],
  );
  assert.ok(isPlaceholder('%HOST%', { wordsAllowed: true }));
  assert.ok(!isPlaceholder('caf%C3%A9', { wordsAllowed: true }), "a URL's percent-encoding");
  assert.ok(couldBecome('%APP%-gw', 'web-gw'));
});

test('schema: a number, duration or enum written as a placeholder is information; a wrong value is not', () => {
  const vs = (port: string, timeout: string, mode: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: shop}
spec:
  hosts: [web]
  http:
  - route:
    - destination:
        host: web
        port:
          number: ${port}
    timeout: ${timeout}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: web, namespace: shop}
spec:
  host: web
  trafficPolicy:
    tls:
      mode: ${mode}
`;
  const all = (yaml: string) =>
    ['invalid-type', 'invalid-format', 'invalid-enum'].flatMap((code) =>
      findings(yaml, code).map((f) => `${code} ${f.severity === Severity.Information ? 'info' : 'error'}`),
    );
  // envsubst and kustomize vars: the template as written, not what is applied.
  assert.deepEqual(all(vs('${PORT}', '$(TIMEOUT)', '${TLS_MODE}')), [
    'invalid-type info',
    'invalid-format info',
    'invalid-enum info',
  ]);
  assert.match(
    findings(vs('${PORT}', '5s', 'SIMPLE'), 'invalid-type')[0].message,
    /placeholder substituted before apply/,
  );
  // An ALL_CAPS name can be no number; where words are valid (an enum) it is a typo.
  assert.deepEqual(all(vs('WEB_PORT', '5s', 'ISTIO_MUTUALL')), ['invalid-type info', 'invalid-enum error']);
  assert.deepEqual(all(vs('"80"', '5', 'SIMPLE')), ['invalid-type error', 'invalid-type error']);
});

test("a Secret's data written as a marker (BASE64_PASSWORD, <base64-user>) is information, other text an error", () => {
  const secret = (value: string) => `apiVersion: v1
kind: Secret
metadata: {name: db, namespace: app}
data:
  password: ${value}
`;
  const severities = (value: string) =>
    ['invalid-format', 'k8s-validation'].flatMap((code) =>
      findings(secret(value), code).map(
        (f) => `${code} ${f.severity === Severity.Information ? 'info' : 'error'}`,
      ),
    );
  // `_` is outside base64's alphabet: an ALL_CAPS name there is a marker to replace, as the tutorials write it.
  // One finding per value: the API server's decoder error on it is left to invalid-format.
  assert.deepEqual(severities('BASE64_ENCODED_PASSWORD'), ['invalid-format info']);
  assert.deepEqual(severities('<base64-password>'), ['invalid-format info']);
  assert.deepEqual(severities('"my password"'), ['invalid-format error']);
  // An elided value (`...`, `…`): the rest left out, to fill in.
  assert.deepEqual(severities('UEFTU1dPUkQ...'), ['invalid-format info']);
  assert.deepEqual(severities('"UEFT\u2026UkQ="'), ['invalid-format info']);
  assert.deepEqual(severities('UEFTU1dPUkQ='), []);
});

test('an Argo CD Vault Plugin marker (<path:kv/data/app#key>) is information', () => {
  const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: app}
spec:
  replicas: <path:kv/data/web#replicas | jsonPath {.replicas}>
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: nginx}]}
`;
  const [replicas] = findings(deployment, 'invalid-type');
  assert.equal(replicas.severity, Severity.Information);
  assert.ok(isPlaceholder('<path:secret/data/db#password>', { wordsAllowed: true }));
  assert.ok(couldBecome('<path:kv/data/app#name>-web', 'prod-web'));
});

test('a __VAR__ marker (sed and CI token replacement) is a placeholder: a count written as one is information', () => {
  // Found probing a lab repository whose install script runs `sed s/__REPLICA_COUNT__/.../` on its manifests.
  const deployment = (replicas: string) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: collector, namespace: otel}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: collector}
  template:
    metadata:
      labels: {app: collector}
    spec:
      containers:
      - {name: collector, image: __IMAGE__}
`;
  const [f] = findings(deployment('__REPLICA_COUNT__'), 'invalid-type');
  assert.equal(f.severity, Severity.Information);
  assert.match(f.message, /placeholder substituted before apply/);
  // Not a marker: a word with underscores around it, or a lower-case (dunder) name.
  for (const replicas of ['__replicas__', 'X__REPLICAS__', '__REPLICAS___'])
    assert.deepEqual(
      findings(deployment(replicas), 'invalid-type').map((d) => d.severity),
      [Severity.Error],
      replicas,
    );
  assert.ok(isPlaceholder('__APP__.example.com', { wordsAllowed: true }));
  assert.ok(isPlaceholder('registry/__IMAGE_NAME__:__TAG__', { wordsAllowed: true }));
  assert.ok(couldBecome('__APP__-gw', 'web-gw'));
  assert.ok(!couldBecome('__APP__-gw', 'web-svc'));
});

test('the webhook: a label value written as a placeholder (a subset, sourceLabels) is information, a bad one an error', () => {
  const dr = (version: string) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: web, namespace: apps}
spec:
  host: web
  subsets:
  - name: stable
    labels: {app: web, version: "${version}"}
`;
  const webhook = (yaml: string) =>
    checkFile(parseFile('file:///t.yaml', yaml), testEnv())
      .filter((d) => d.code === 'IST0106')
      .map((d) => [d.severity, d.message, d.range.start.line, d.range.start.character]);
  assert.deepEqual(webhook(dr('${STABLE_VERSION}')), [
    [
      Severity.Information,
      'Schema validation error: invalid tag value: "${STABLE_VERSION}" (the value looks like a placeholder substituted before apply)',
      7,
      32,
    ],
  ]);
  assert.deepEqual(webhook(dr('v1 beta')), [
    [Severity.Error, 'Schema validation error: invalid tag value: "v1 beta"', 7, 32],
  ]);
  const vs = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: apps}
spec:
  hosts: [web]
  http:
  - match: [{sourceLabels: {app: "<client-app>"}}]
    route: [{destination: {host: web}}]
`;
  assert.deepEqual(
    webhook(vs).map(([severity]) => severity),
    [Severity.Information],
  );
});
