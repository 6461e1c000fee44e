// The default installation (analysis/installed.ts): what `istioctl install` creates is taken as present
// unless the settings or the workspace say otherwise, and nothing is ever reported on it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runAnalyzer } from './run-analyzer';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { analyzeWorkspace, INSTALLED_URI } from '../../server/src/engine/analysis';
import { IN_ALL_ANALYZERS } from '../../server/src/engine/analyzers';
import { deployment, gateway } from '../helpers/manifests';
import { Severity } from '../../server/src/engine/model/diagnostic';

const gatewayPolicy = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ingress-allow
  namespace: istio-system
spec:
  selector:
    matchLabels:
      app: istio-ingressgateway
  action: ALLOW
  rules:
  - {}
`;
const codes = (fs: { code: string }[]) => fs.map((f) => f.code);
const AUTHZ = 'auth.AuthorizationPoliciesAnalyzer';
const PORTS = 'gateway.IngressGatewayPortAnalyzer';

const iop = (spec: string) => `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata:
  name: control-plane
  namespace: istio-system
spec:
${spec}`;

const service = (name: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: istio-system\nspec:\n  ports:\n  - port: 80\n`;

test('a policy selecting the installed ingress gateway selects something', () => {
  // Without the installation the selector is a slip from the workspace's `istio-ingress-gateway`.
  const files = { shop: deployment('shop', 'istio-ingress-gateway'), ap: gatewayPolicy };
  assert.deepEqual(codes(runAnalyzer(AUTHZ, files)), []);
  assert.deepEqual(codes(runAnalyzer(AUTHZ, files, { installed: 'none' })), ['IST0127']);
});

test("a Gateway's ports are checked against the installed gateway Service (80→8080, 443→8443)", () => {
  assert.deepEqual(codes(runAnalyzer(PORTS, { gw: gateway(80) })), []);
  assert.deepEqual(codes(runAnalyzer(PORTS, { gw: gateway(8443) })), []);
  assert.deepEqual(codes(runAnalyzer(PORTS, { gw: gateway(9090) }, { installed: 'none' })), []);
});

test('a port missing only from the assumed default profile is information; an IstioOperator makes it proven', () => {
  // Demo's gateway Service opens 31400: the workspace does not say which profile the cluster runs.
  const [assumed] = runAnalyzer(PORTS, { gw: gateway(31400) });
  assert.equal(assumed?.code, 'IST0162');
  assert.equal(assumed.severity, Severity.Information);
  assert.match(
    assumed.message,
    /port 31400.*\(the gateway Service is the default profile's, assumed installed/,
  );
  // An IstioOperator of the workspace renders the same Service: now the workspace says the port is closed.
  const proven = runAnalyzer(PORTS, { gw: gateway(31400), iop: iop('  profile: default\n') });
  assert.deepEqual(
    proven.map((f) => [f.code, f.severity]),
    [['IST0162', Severity.Warning]],
  );
  // One that names no profile and leaves the gateway alone (a demo's meshConfig) says nothing of its ports.
  const meshOnly = runAnalyzer(PORTS, {
    gw: gateway(31400),
    iop: iop('  meshConfig: {accessLogFile: /dev/stdout}\n'),
  });
  assert.deepEqual(
    meshOnly.map((f) => [f.code, f.severity]),
    [['IST0162', Severity.Information]],
  );
});

test('the workspace says otherwise: its own Service replaces the installed one', () => {
  const svc = `apiVersion: v1
kind: Service
metadata:
  name: istio-ingressgateway
  namespace: istio-system
spec:
  selector:
    istio: ingressgateway
  ports:
  - name: http
    port: 9090
`;
  assert.deepEqual(codes(runAnalyzer(PORTS, { gw: gateway(9090), svc })), []);
  // The workspace's own gateway Service proves the port closed.
  assert.deepEqual(
    runAnalyzer(PORTS, { gw: gateway(80), svc }).map((f) => [f.code, f.severity]),
    [['IST0162', Severity.Warning]],
  );
});

test('the workspace says otherwise: an IstioOperator without the ingress gateway', () => {
  // Without the installation the selector is a slip from the workspace's `istio-ingress-gateway`.
  const files = { shop: deployment('shop', 'istio-ingress-gateway'), ap: gatewayPolicy };
  const disabled =
    '  components:\n    ingressGateways:\n    - name: istio-ingressgateway\n      enabled: false\n';
  assert.deepEqual(codes(runAnalyzer(AUTHZ, { ...files, iop: iop(disabled) })), ['IST0127']);
  assert.deepEqual(codes(runAnalyzer(AUTHZ, { ...files, iop: iop('  profile: minimal\n') })), ['IST0127']);
  assert.deepEqual(codes(runAnalyzer(AUTHZ, { ...files, iop: iop('  profile: default\n') })), []);
});

test("the workspace's IstioOperator configures the ingress gateway: the ports it lists, labels it sets", () => {
  const k8sPorts = `  profile: default
  components:
    ingressGateways:
    - name: istio-ingressgateway
      enabled: true
      k8s:
        service:
          ports:
          - {name: tcp-db, port: 31400, targetPort: 31400}
`;
  const valuesPorts = `  profile: default
  values:
    gateways:
      istio-ingressgateway:
        ports:
        - {name: tcp-cache, port: 6379}
`;
  assert.deepEqual(codes(runAnalyzer(PORTS, { gw: gateway(31400), iop: iop(k8sPorts) })), []);
  assert.deepEqual(codes(runAnalyzer(PORTS, { gw: gateway(6379), iop: iop(valuesPorts) })), []);
  // k8s.service.ports and values...ports replace the chart's list (Helm replaces lists): 443 is gone.
  assert.deepEqual(codes(runAnalyzer(PORTS, { gw: gateway(443), iop: iop(k8sPorts) })), ['IST0162']);
  assert.deepEqual(codes(runAnalyzer(PORTS, { gw: gateway(443), iop: iop(valuesPorts) })), ['IST0162']);
  assert.deepEqual(codes(runAnalyzer(PORTS, { gw: gateway(9090), iop: iop(k8sPorts) })), ['IST0162']);
  // Labels: the component's `label` replaces the chart's value of a key.
  const relabelled = `  profile: default
  components:
    ingressGateways:
    - name: istio-ingressgateway
      label: {istio: edge-gateway}
`;
  const edge = gateway(9090, 'istio: edge-gateway');
  assert.deepEqual(codes(runAnalyzer(PORTS, { gw: edge, iop: iop(relabelled) })), ['IST0162']);
  assert.deepEqual(codes(runAnalyzer(PORTS, { gw: edge, iop: iop('  profile: default\n') })), []); // selects nothing known
});

test('assume-complete (istioctl analyze on files) assumes nothing installed', () => {
  // Without the installation the selector is a slip from the workspace's `istio-ingress-gateway`.
  const files = { shop: deployment('shop', 'istio-ingress-gateway'), ap: gatewayPolicy };
  assert.deepEqual(codes(runAnalyzer(AUTHZ, files, { complete: true })), ['IST0127']);
});

test('nothing is reported on the installed objects, and they describe no namespace', () => {
  // A VirtualService in istio-system routing to a missing host: istio-system holds only installed
  // objects, so the workspace cannot prove the host missing.
  const vs = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: vs
  namespace: istio-system
spec:
  hosts: [a.example.com]
  http:
  - route:
    - destination:
        host: istio-egressgateway
`;
  const files = [parseFile('file:///vs.yaml', vs)];
  const out = analyzeWorkspace(files, { analyzers: IN_ALL_ANALYZERS });
  assert.deepEqual([...out.keys()], ['file:///vs.yaml']);
  assert.ok(![...out.keys()].includes(INSTALLED_URI));
  assert.deepEqual(
    out.get('file:///vs.yaml')!.filter((d) => d.code === 'IST0101'),
    [],
  );
  // The installed Service is a destination like any other.
  const toGateway = vs.replace('host: istio-egressgateway', 'host: istio-ingressgateway');
  const withNs = `${toGateway}---\n${deployment('istio-system', 'tools')}---\n${service('istio-ingresgateway')}`;
  const complete = analyzeWorkspace([parseFile('file:///a.yaml', withNs)], { analyzers: IN_ALL_ANALYZERS });
  assert.deepEqual(
    complete.get('file:///a.yaml')!.filter((d) => d.code === 'IST0101'),
    [],
  );
  const bare = analyzeWorkspace([parseFile('file:///a.yaml', withNs)], {
    analyzers: IN_ALL_ANALYZERS,
    assumeInstalled: 'none',
  });
  assert.deepEqual(
    bare
      .get('file:///a.yaml')!
      .filter((d) => d.code === 'IST0101')
      .map((d) => d.message),
    ['Referenced host not found: "istio-ingressgateway"'],
  );
});

test("another profile's component is not a slip from the installed one (istio-egressgateway)", () => {
  // istio-system is described (a ServiceEntry lives there); the only Service two edits away is the
  // installed istio-ingressgateway, which is no evidence: the demo profile installs istio-egressgateway.
  const dr = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: egress
  namespace: istio-system
spec:
  host: istio-egressgateway.istio-system.svc.cluster.local
  subsets:
  - name: nginx
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata:
  name: nginx
  namespace: istio-system
spec:
  hosts: [nginx.example.com]
  ports:
  - number: 443
    name: https
    protocol: HTTPS
  resolution: DNS
`;
  const SUBSETS = 'destinationrule.SubsetSelectPodAnalyzer';
  assert.deepEqual(codes(runAnalyzer(SUBSETS, { dr })), []);
  // A Service of the workspace two edits away is evidence of a slip.
  assert.deepEqual(codes(runAnalyzer(SUBSETS, { dr, svc: service('istio-egresgateway') })), ['IST0174']);
});

test('a Gateway selecting no gateway pod: provable with gateway deployments or, for a slip, the installation', () => {
  const sel = (s: string) => runAnalyzer(PORTS, { gw: gateway(80, s) });
  // A one-character slip from the installed gateway's labels.
  assert.deepEqual(codes(sel('istio: ingresgateway')), ['IST0101']);
  // Another gateway, installed apart: the default installation does not prove it absent.
  assert.deepEqual(codes(sel('istio: eastwestgateway')), []);
  assert.deepEqual(codes(sel('istio: egressgateway')), []);
  assert.deepEqual(
    codes(runAnalyzer(PORTS, { gw: gateway(80, 'istio: ingresgateway') }, { installed: 'none' })),
    [],
  );
  // The workspace holds gateway deployments: a selector a slip away from their labels is reported.
  const ewgw = deployment('istio-system', 'istio-eastwestgateway').replace(
    '      containers:',
    '      containers:\n      - name: istio-proxy\n        image: istio/proxyv2\n        args: [proxy, router]',
  );
  const withEw = (selector: string) =>
    codes(runAnalyzer(PORTS, { gw: gateway(80, selector), ewgw }, { installed: 'none' }));
  assert.deepEqual(withEw('app: istio-eastwestgatway'), ['IST0101']);
  assert.deepEqual(withEw('ap: istio-eastwestgateway'), ['IST0101']);
  assert.deepEqual(withEw('app: istio-eastwestgateway'), []);
  // Other gateways are installed apart (an egress gateway by a profile, a gateway chart's labels):
  // the workspace's one gateway does not prove them absent.
  assert.deepEqual(withEw('istio: egressgateway'), []);
  assert.deepEqual(withEw('istio: ingress'), []);
});

test('a host one slip from a gateway an IstioOperator of the workspace installs is missing', () => {
  const DEST = 'virtualservice.DestinationHostAnalyzer';
  const vs = (host: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: egress, namespace: shop}
spec:
  hosts: [api.example.com]
  http:
  - route:
    - destination: {host: ${host}.istio-system.svc.cluster.local, port: {number: 80}}
`;
  const egress = iop(
    '  components:\n    egressGateways:\n    - {name: istio-egressgateway, enabled: true}\n',
  );
  const found = (host: string, operator?: string) =>
    runAnalyzer(DEST, { vs: vs(host), ...(operator ? { iop: operator } : {}) }).map(
      (f) => `${f.code} ${f.text}`,
    );
  assert.deepEqual(found('istio-egresgateway', egress), [
    'IST0101 istio-egresgateway.istio-system.svc.cluster.local',
  ]);
  assert.deepEqual(found('istio-egressgateway', egress), []);
  // Only assumed (no IstioOperator): another profile's gateway, a slip from nothing the repository installs.
  assert.deepEqual(found('istio-egresgateway'), []);
  // A gateway of Istio's profiles may be installed apart: two edits from the installed ingress gateway.
  assert.deepEqual(found('istio-egressgateway', iop('  profile: default\n')), []);
});

test("a profile's gateway is no slip of another the workspace renders (istio-egressgateway, istio-ingressgateway)", () => {
  // The workspace holds the rendered ingress gateway (`istioctl manifest generate`, its namespace given at
  // apply time, or istio-system) and describes istio-system (a ServiceEntry); routes to the egress gateway, which a profile or chart installs apart,
  // are not proven missing by that Service two edits away.
  const DEST = 'virtualservice.DestinationHostAnalyzer';
  const SUBSETS = 'destinationrule.SubsetSelectPodAnalyzer';
  const rendered = (ns: string) => `apiVersion: v1
kind: Service
metadata:
  name: istio-ingressgateway
${ns}spec:
  selector: {app: istio-ingressgateway, istio: ingressgateway}
  ports: [{name: http2, port: 80, targetPort: 8080}]
`;
  const routes = (host: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: egress, namespace: istio-system}
spec:
  hosts: [edition.cnn.com]
  http:
  - route:
    - destination: {host: ${host}.istio-system.svc.cluster.local, subset: cnn, port: {number: 80}}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: egress, namespace: istio-system}
spec:
  host: ${host}.istio-system.svc.cluster.local
  subsets:
  - name: cnn
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: cnn, namespace: istio-system}
spec:
  hosts: [edition.cnn.com]
  ports: [{number: 80, name: http, protocol: HTTP}]
  resolution: DNS
`;
  const found = (host: string, ns: string) =>
    [DEST, SUBSETS].flatMap((a) => codes(runAnalyzer(a, { vs: routes(host), svc: rendered(ns) })));
  for (const ns of ['', '  namespace: istio-system\n']) {
    assert.deepEqual(found('istio-egressgateway', ns), []);
    // A misspelt ingress gateway is still a slip of the Service the workspace holds.
    assert.deepEqual(found('istio-ingresgateway', ns), ['IST0101', 'IST0174']);
  }
});

test('two versions of one install map a Service port to different target ports: a gateway port is missing from both', () => {
  // Two IstioOperators of the workspace (versions of one install, a step directory's files) give the ingress
  // gateway Service port 80 a different targetPort each: the gateway listens on what either makes it.
  const withTarget = (target: number) => `  values:
    gateways:
      istio-ingressgateway:
        ports:
        - {name: status-port, port: 15021}
        - {name: http2, port: 80, targetPort: ${target}}
`;
  const both = { a: iop(withTarget(8000)), b: iop(withTarget(8080)) };
  assert.deepEqual(codes(runAnalyzer(PORTS, { gw: gateway(8080), ...both })), []);
  assert.deepEqual(codes(runAnalyzer(PORTS, { gw: gateway(8000), ...both })), []);
  assert.deepEqual(codes(runAnalyzer(PORTS, { gw: gateway(9090), ...both })), ['IST0162']);
  // One install alone: its own targetPort only.
  assert.deepEqual(codes(runAnalyzer(PORTS, { gw: gateway(8080), a: both.a })), ['IST0162']);
});
