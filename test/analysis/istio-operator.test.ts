// What an IstioOperator makes `istioctl install` create (analysis/istioOperator.ts), as Istio's operator
// renders it: gateway namespaces, named gateways, disabled ones, and Service port lists that replace the
// chart's. The analyzers resolve Gateway selectors, ports and hosts against exactly those objects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { runAnalyzer } from './run-analyzer';
import { operatorComponents } from '../../server/src/engine/analysis/istioOperator';
import { gateway } from '../helpers/manifests';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { analyzeWorkspace, INSTALLED_URI } from '../../server/src/engine/analysis';
import { IN_ALL_ANALYZERS } from '../../server/src/engine/analyzers';

const codes = (fs: { code: string }[]) => fs.map((f) => f.code);
const PORTS = 'gateway.IngressGatewayPortAnalyzer';

const iop = (name: string, spec: string) => `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata:
  name: ${name}
  namespace: istio-system
spec:
${spec}`;

const summary = (spec: string) =>
  operatorComponents(parse(iop('x', spec)) as Record<string, unknown>).map(
    (c) =>
      `${c.namespace}/${c.name} ${Object.values(c.labels).join(',')} ${c.ports.map((p) => p.port).join(',')}`,
  );

test('the default profile, with or without an IstioOperator', () => {
  const def = [
    'istio-system/istiod istiod,pilot 15010,15012,443,15014',
    'istio-system/istio-ingressgateway istio-ingressgateway,ingressgateway 15021,80,443,15012,15443',
  ];
  assert.deepEqual(summary('  profile: default\n'), def);
  assert.deepEqual(
    operatorComponents(undefined).map((c) => `${c.namespace}/${c.name}`),
    ['istio-system/istiod', 'istio-system/istio-ingressgateway'],
  );
  // demo: the egress gateway too, and the ingress gateway's demo ports (31400, no 15012).
  assert.deepEqual(summary('  profile: demo\n').slice(1), [
    'istio-system/istio-ingressgateway istio-ingressgateway,ingressgateway 15021,80,443,31400,15443',
    'istio-system/istio-egressgateway istio-egressgateway,egressgateway 80,443,15443',
  ]);
});

test("an IstioOperator's gateway list replaces the profile's: names, namespaces, labels, enablement, ports", () => {
  const spec = `  components:
    ingressGateways:
    - name: edge
      namespace: istio-ingress
      label: {istio: edge}
      k8s:
        service:
          ports:
          - {name: http, port: 8080}
    - name: internal
      enabled: false
    egressGateways:
    - name: istio-egressgateway
      namespace: egress
`;
  assert.deepEqual(summary(spec), [
    'istio-system/istiod istiod,pilot 15010,15012,443,15014',
    'istio-ingress/edge istio-ingressgateway,edge 8080',
    'egress/istio-egressgateway istio-egressgateway,egressgateway 80,443,15443',
  ]);
  // values.global.istioNamespace (istio-system from the profile) is every component's default namespace,
  // over the IstioOperator's own namespace unless emptied; `spec.namespace` is read by nothing.
  assert.deepEqual(summary('  namespace: ignored\n  values:\n    global:\n      istioNamespace: mesh\n'), [
    'mesh/istiod istiod,pilot 15010,15012,443,15014',
    'mesh/istio-ingressgateway istio-ingressgateway,ingressgateway 15021,80,443,15012,15443',
  ]);
  const inOperators = (spec: Record<string, unknown>) =>
    operatorComponents({ metadata: { namespace: 'operators' }, spec }).map((c) => c.namespace);
  assert.deepEqual(inOperators({}), ['istio-system', 'istio-system']);
  assert.deepEqual(inOperators({ values: { global: { istioNamespace: '' } } }), ['operators', 'operators']);
  // values.gateways.<chart>.enabled turns every listed gateway on.
  const forced =
    '  components:\n    ingressGateways:\n    - {name: a, enabled: false}\n  values:\n    gateways:\n      istio-ingressgateway: {enabled: true}\n';
  assert.deepEqual(
    summary(forced)
      .slice(1)
      .map((s) => s.split(' ')[0]),
    ['istio-system/a'],
  );
  // A gateway's `label` replaces values.gateways.<chart>.labels (which never reach the chart), and
  // values.gateways.<chart>.ports replace the chart's list for every gateway of that chart.
  const values =
    '  values:\n    gateways:\n      istio-ingressgateway:\n        labels: {istio: ignored}\n        ports:\n        - {name: http, port: 8080}\n';
  assert.deepEqual(summary(values).slice(1), [
    'istio-system/istio-ingressgateway istio-ingressgateway,ingressgateway 8080',
  ]);
});

const gatewayIn = (ns: string, port: number, selector: string) =>
  gateway(port, selector).replace('namespace: shop', `namespace: ${ns}`);

test('Gateway ports are checked against the Service of the gateway the IstioOperator creates', () => {
  const edge = iop(
    'gw',
    '  profile: empty\n  components:\n    ingressGateways:\n    - name: edge\n      namespace: istio-ingress\n      label: {istio: edge}\n      k8s:\n        service:\n          ports:\n          - {name: http, port: 8080}\n',
  );
  assert.deepEqual(codes(runAnalyzer(PORTS, { gw: gatewayIn('shop', 8080, 'istio: edge'), edge })), []);
  assert.deepEqual(codes(runAnalyzer(PORTS, { gw: gatewayIn('shop', 80, 'istio: edge'), edge })), [
    'IST0162',
  ]);
  // Its list replaced the default gateway (profile empty): a selector one slip from the named gateway's
  // labels selects nothing.
  assert.deepEqual(codes(runAnalyzer(PORTS, { gw: gatewayIn('shop', 8080, 'istio: edgee'), edge })), [
    'IST0101',
  ]);
});

test('a control plane and a gateway install side by side: the gateway lives in its own namespace', () => {
  const control = iop('control-plane', '  profile: minimal\n');
  const gws = iop(
    'gateways',
    '  profile: empty\n  components:\n    ingressGateways:\n    - name: istio-ingressgateway\n      namespace: istio-ingress\n      enabled: true\n',
  );
  const files = { control, gws };
  // Each install alone has no ingress gateway; together they have one, with the chart's ports.
  assert.deepEqual(
    codes(runAnalyzer(PORTS, { ...files, gw: gatewayIn('shop', 9090, 'istio: ingressgateway') })),
    ['IST0162'],
  );
  assert.deepEqual(
    codes(runAnalyzer(PORTS, { ...files, gw: gatewayIn('shop', 80, 'istio: ingressgateway') })),
    [],
  );
  // A Service of the workspace in the gateway's namespace replaces the installed one there.
  const svc = `apiVersion: v1
kind: Service
metadata:
  name: istio-ingressgateway
  namespace: istio-ingress
spec:
  selector: {istio: ingressgateway}
  ports:
  - {name: http, port: 9090}
`;
  const withSvc = (port: number) =>
    codes(runAnalyzer(PORTS, { ...files, svc, gw: gatewayIn('shop', port, 'istio: ingressgateway') }));
  assert.deepEqual(withSvc(9090), []);
  assert.deepEqual(withSvc(80), ['IST0162']);
  // The whole workspace: a route to the gateway's Service in its namespace resolves, nothing is reported
  // on the installed objects.
  const vs = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: vs
  namespace: istio-ingress
spec:
  hosts: [a.example.com]
  http:
  - route:
    - destination:
        host: istio-ingressgateway
`;
  const parsed = Object.entries({ ...files, vs }).map(([p, t]) => parseFile(`file:///${p}.yaml`, t));
  const out = analyzeWorkspace(parsed, { analyzers: IN_ALL_ANALYZERS });
  assert.ok(!out.has(INSTALLED_URI));
  assert.deepEqual(
    out.get('file:///vs.yaml')!.filter((d) => d.code === 'IST0101'),
    [],
  );
});

test('an IstioOperator without metadata (as `istioctl install -f` takes it) configures the installation', () => {
  const bare = `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
spec:
  components:
    ingressGateways:
    - name: istio-eastwestgateway
      label: {istio: eastwestgateway}
      k8s:
        service:
          ports:
          - {name: tls, port: 15443}
`;
  const ew = (port: number) => gatewayIn('istio-system', port, 'istio: eastwestgateway');
  assert.deepEqual(codes(runAnalyzer(PORTS, { iop: bare, gw: ew(15443) })), []);
  assert.deepEqual(codes(runAnalyzer(PORTS, { iop: bare, gw: ew(15444) })), ['IST0162']);
});

test('a Gateway selecting the ingress gateway its IstioOperator disabled for one of its own selects nothing', () => {
  const replacing = (extra = '') =>
    iop(
      'control-plane',
      `  profile: default\n${extra}  components:\n    ingressGateways:\n    - name: istio-ingressgateway\n      enabled: false\n    - name: my-ingress\n      enabled: true\n      label: {app: my-ingress, istio: my-ingress}\n`,
    );
  const run = (selector: string, files: Record<string, string> = { iop: replacing() }) =>
    runAnalyzer(PORTS, { ...files, gw: gatewayIn('shop', 80, selector) });
  // istioctl install creates my-ingress only: the default labels (or a slip from them) select no pod.
  const found = run('istio: ingressgateway');
  assert.deepEqual(
    found.map((f) => [f.code, f.message, f.text, f.severity]),
    [['IST0101', 'Referenced selector not found: "istio=ingressgateway"', 'ingressgateway', 1]],
  );
  assert.deepEqual(codes(run('app: istio-ingressgateway')), ['IST0101']);
  assert.deepEqual(codes(run('istio: ingresgateway')), ['IST0101']);
  // A slip from the IstioOperator's own gateway is reported as before; its labels are silent.
  assert.deepEqual(codes(run('istio: my-ingres')), ['IST0101']);
  assert.deepEqual(codes(run('istio: my-ingress')), []);
  // Not proven: a selector of other labels (a gateway installed apart), a list that only disables (the
  // gateways are installed apart), the install of a revision (beside the default one), another
  // IstioOperator of the workspace that installs the gateway, a Helm chart that may render it.
  assert.deepEqual(codes(run('istio: public-gateway')), []);
  const onlyDisables = iop(
    'control-plane',
    '  components:\n    ingressGateways:\n    - name: istio-ingressgateway\n      enabled: false\n',
  );
  assert.deepEqual(codes(run('istio: ingressgateway', { iop: onlyDisables })), []);
  assert.deepEqual(codes(run('istio: ingressgateway', { iop: replacing('  revision: canary\n') })), []);
  const gatewayInstall = iop(
    'gateways',
    '  profile: empty\n  components:\n    ingressGateways:\n    - name: istio-ingressgateway\n      namespace: istio-ingress\n      enabled: true\n',
  );
  assert.deepEqual(codes(run('istio: ingressgateway', { iop: replacing(), gatewayInstall })), []);
  // A gateway-only install (profile empty: no istiod) applied beside the control plane's install: the
  // default gateway it disables belongs to that other install, which istioctl does not prune for it.
  const addOn = (extra = '') =>
    iop(
      'my-user-gateway-install',
      `  profile: empty\n  components:\n${extra}    ingressGateways:\n    - name: istio-ingressgateway\n      enabled: false\n    - name: my-user-gateway\n      namespace: istioinaction\n      enabled: true\n      label:\n        istio: my-user-gateway\n`,
    );
  assert.deepEqual(codes(run('istio: ingressgateway', { iop: addOn() })), []);
  assert.deepEqual(codes(run('istio: my-user-gatewy', { iop: addOn() })), ['IST0101']);
  // With istiod enabled it is the control plane's install again, and replaces the default gateway.
  const withPilot = addOn('    pilot:\n      enabled: true\n');
  assert.deepEqual(codes(run('istio: ingressgateway', { iop: withPilot })), ['IST0101']);
  const chart = { 'charts/gw/Chart.yaml': 'apiVersion: v2\nname: gw\nversion: 0.1.0\n' };
  assert.deepEqual(codes(run('istio: ingressgateway', { iop: replacing(), ...chart })), []);
});
