// VM workloads (WorkloadEntries, the entries a WorkloadGroup registers) are workloads Istio selects like
// pods: a DestinationRule subset, an AuthorizationPolicy, a Sidecar or a Telemetry selecting only them
// selects something, in the workspace and with the whole cluster (istioctl reads only Pods). A selector
// one slip from them is still reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runAnalyzer } from './run-analyzer';

const ns = `apiVersion: v1
kind: Namespace
metadata: {name: vm-apps, labels: {istio-injection: enabled}}
`;
// A migration: the v2 pods run in Kubernetes, v1 on a VM, v3 on VMs a WorkloadGroup registers.
const workloads = `apiVersion: apps/v1
kind: Deployment
metadata: {name: legacy-v2, namespace: vm-apps}
spec:
  selector: {matchLabels: {app: legacy, version: v2}}
  template:
    metadata: {labels: {app: legacy, version: v2}}
    spec: {containers: [{name: legacy, image: example/legacy:2}]}
---
apiVersion: networking.istio.io/v1
kind: WorkloadEntry
metadata: {name: legacy-vm-1, namespace: vm-apps}
spec: {address: 10.10.0.5, labels: {app: legacy, version: v1}, serviceAccount: legacy}
---
apiVersion: networking.istio.io/v1
kind: WorkloadGroup
metadata: {name: legacy-v3, namespace: vm-apps}
spec:
  metadata: {labels: {version: v3}}
  template: {serviceAccount: legacy, labels: {app: legacy}}
`;
const service = `apiVersion: v1
kind: Service
metadata: {name: legacy, namespace: vm-apps}
spec:
  selector: {app: legacy}
  ports: [{name: http, port: 8080}]
`;
const docs = (...d: string[]) => ({ 'a.yaml': d.join('---\n') });

test('a DestinationRule subset selects the VM workloads of its Service, and a ServiceEntry its endpoints', () => {
  const dr = (host: string, versions: string[]) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: legacy-${versions.join('')}, namespace: vm-apps}
spec:
  host: ${host}
  subsets:
${versions.map((v) => `  - {name: ${v}, labels: {version: ${v}}}`).join('\n')}
`;
  const endpoints = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: db, namespace: vm-apps}
spec:
  hosts: [db.vm.example.com]
  location: MESH_INTERNAL
  ports: [{number: 5432, name: tcp, protocol: TCP}]
  resolution: STATIC
  endpoints:
  - {address: 10.1.1.1, labels: {version: primary}}
`;
  for (const complete of [false, true]) {
    const found = runAnalyzer(
      'destinationrule.SubsetSelectPodAnalyzer',
      docs(
        ns,
        workloads,
        service,
        dr('legacy', ['v1', 'v2', 'v3', 'v4']),
        endpoints,
        dr('db.vm.example.com', ['primary', 'replica']),
      ),
      { complete },
    ).map((f) => f.message.match(/^The Subset (\S+)/)?.[1]);
    assert.deepEqual(found.sort(), complete ? ['replica', 'v4'] : ['v4'], `complete: ${complete}`);
  }
});

test('an AuthorizationPolicy, a Sidecar and a Telemetry selecting VM workloads select something', () => {
  const policy = (version: string) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: vm-${version}, namespace: vm-apps}
spec:
  selector: {matchLabels: {app: legacy, version: ${version}}}
  rules: [{from: [{source: {principals: [cluster.local/ns/vm-apps/sa/web]}}]}]
`;
  const sidecar = (version: string) => `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: vm-${version}, namespace: vm-apps}
spec:
  workloadSelector: {labels: {app: legacy, version: ${version}}}
  egress: [{hosts: ["./*"]}]
`;
  const telemetry = (version: string) => `apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: vm-${version}, namespace: vm-apps}
spec:
  selector: {matchLabels: {app: legacy, version: ${version}}}
  accessLogging: [{providers: [{name: envoy}]}]
`;
  const cases: [string, (v: string) => string][] = [
    ['auth.AuthorizationPoliciesAnalyzer', policy],
    ['sidecar.SelectorAnalyzer', sidecar],
    ['telemetry.SelectorAnalyzer', telemetry],
  ];
  for (const complete of [false, true])
    for (const [analyzer, doc] of cases) {
      const found = runAnalyzer(analyzer, docs(ns, workloads, doc('v1'), doc('v3'), doc('v9'), doc('vx')), {
        complete,
      }).map((f) => `${f.code} ${f.resource}`);
      // vx is one label from every workload: a slip, in the workspace too. v9 selects nothing in the whole
      // cluster; in a workspace it is a numbered sibling of v1 and v3, another release deployed apart.
      const kind = analyzer.startsWith('auth')
        ? 'AuthorizationPolicy'
        : analyzer.startsWith('sidecar')
          ? 'Sidecar'
          : 'Telemetry';
      const code = kind === 'AuthorizationPolicy' ? 'IST0127' : 'IST0101';
      const expected = [...(complete ? ['v9'] : []), 'vx'].map((v) => `${code} ${kind} vm-apps/vm-${v}`);
      assert.deepEqual(found, expected, `${analyzer}, complete: ${complete}`);
    }
});

test('a selector of the pods Istio deploys for a Gateway API Gateway selects them; a slip from them is reported', () => {
  const gateway = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: external, namespace: gateways, labels: {team: edge}}
spec:
  gatewayClassName: istio
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: internal, namespace: gateways}
spec:
  gatewayClassName: istio
  infrastructure: {labels: {tier: internal}}
  listeners: [{name: http, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: mesh-waypoint, namespace: gateways}
spec:
  gatewayClassName: istio-waypoint
  listeners: [{name: mesh, port: 15008, protocol: HBONE}]
`;
  const selecting = (name: string, labels: string) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ${name}, namespace: gateways}
spec:
  selector: {matchLabels: {${labels}}}
  rules: [{from: [{source: {ipBlocks: [10.0.0.0/8]}}]}]
---
apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: ${name}, namespace: gateways}
spec:
  selector: {matchLabels: {${labels}}}
  accessLogging: [{providers: [{name: envoy}]}]
---
apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: ${name}, namespace: gateways}
spec:
  workloadSelector: {labels: {${labels}}}
  outboundTrafficPolicy: {mode: ALLOW_ANY}
`;
  const policies = [
    selecting('by-name', 'gateway.networking.k8s.io/gateway-name: external'),
    // The Gateway's labels, or its infrastructure labels instead; the label releases before 1.24 set.
    selecting('by-label', 'team: edge'),
    selecting('by-infra', 'tier: internal, istio.io/gateway-name: internal'),
    selecting('typo', 'gateway.networking.k8s.io/gateway-name: externl'),
    // A waypoint takes policies by targetRef only: a selector of its pods selects nothing (with the whole
    // cluster; in the workspace nothing proves it, as for any pod the workspace does not show).
    selecting('waypoint', 'gateway.networking.k8s.io/gateway-name: mesh-waypoint'),
  ];
  const analyzers = [
    'auth.AuthorizationPoliciesAnalyzer',
    'telemetry.SelectorAnalyzer',
    'sidecar.SelectorAnalyzer',
  ];
  for (const complete of [false, true])
    for (const analyzer of analyzers) {
      const found = runAnalyzer(analyzer, docs(gateway, ...policies), { complete }).map((f) => f.resource);
      assert.deepEqual(
        found.map((r) => r.split('/')[1]),
        complete ? ['typo', 'waypoint'] : ['typo'],
        `${analyzer}, complete: ${complete}`,
      );
    }
});
