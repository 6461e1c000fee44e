// Table-driven tests of the workspace analyzers beyond upstream's cases: the editor's partial view
// (assumeComplete off), precise ranges, alternatives of one resource, secrets, multi-cluster.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { analyzeWorkspace, type AnalyzeOptions } from '../../server/src/engine/analysis';
import { analyzerByName } from '../../server/src/engine/analyzers';
import { certificateValidity, pemCertificates } from '../../server/src/engine/analysis/x509';
import { convertProtocol } from '../../server/src/engine/analysis/protocol';
import { istioData, readText } from '../helpers/paths';

interface Case {
  name: string;
  analyzer: string;
  files: Record<string, string>;
  opts?: Partial<AnalyzeOptions>;
  /** `CODE file:line "text under the range"`, sorted. */
  expect: string[];
}

// A mesh VirtualService splitting its own host by subset, with a catch-all route without one.
const VS_MESH_SPLIT = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web-mesh, namespace: shop}
spec:
  hosts: [web]
  gateways: [mesh]
  http:
  - match: [{uri: {prefix: /api}}]
    route:
    - destination: {host: web, subset: v1}
      weight: 90
    - destination: {host: web, subset: v2}
      weight: 10
  - route:
    - destination: {host: web}
`;

// A VirtualService of namespace front bound to a gateway, routing to `host` without a subset.
const VS_GW_FRONT = (host: string): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: front, namespace: front}
spec:
  hosts: ['*']
  gateways: [shop/shop-gw]
  http:
  - route:
    - destination: {host: ${host}}
`;

const VS_GW = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: shop}
spec:
  hosts: [web.example.com]
  gateways: [shop-gw]
  http:
  - route:
    - destination: {host: web, subset: v2}
`;
const DNS_IOP = (autoAllocate: string) => `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
spec:
  meshConfig:
    defaultConfig:
      proxyMetadata: {ISTIO_META_DNS_CAPTURE: "true", ISTIO_META_DNS_AUTO_ALLOCATE: ${autoAllocate}}
`;
const DNS_CONFIGMAP = (autoAllocate: string) => `apiVersion: v1
kind: ConfigMap
metadata: {name: istio, namespace: istio-system}
data:
  mesh: |-
    defaultConfig:
      proxyMetadata: {ISTIO_META_DNS_CAPTURE: "true", ISTIO_META_DNS_AUTO_ALLOCATE: ${autoAllocate}}
`;
const NO_PROVIDER_TELEMETRY = `apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: errors, namespace: istio-system}
spec:
  accessLogging:
  - filter: {expression: "response.code >= 400"}
`;
const TCP_SE = `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: tcp-echo, namespace: shop}
spec:
  hosts: [tcp-echo.external.svc.cluster.local]
  ports:
  - {name: tcp, number: 9000, protocol: TCP}
  resolution: DNS
`;
const MESH_VS = (
  name: string,
  routes: string,
  host = 'nginx.example.com',
) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ${name}, namespace: shop}
spec:
  hosts: [${host}]
${routes}`;
const HTTP_ROUTE = `  http:
  - route:
    - destination: {host: egress.istio-system.svc.cluster.local}
`;
const TLS_ROUTE = `  tls:
  - match: [{port: 443, sniHosts: [nginx.example.com]}]
    route:
    - destination: {host: egress.istio-system.svc.cluster.local}
`;
const TCP_ROUTE = `  tcp:
  - route:
    - destination: {host: egress.istio-system.svc.cluster.local}
`;
const SVC = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports:
  - {name: http, port: 80}
  - {name: metrics, port: 9090}
`;
const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web-v1, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web, version: v1}}
    spec: {containers: [{name: web, image: web}]}
`;
const DR = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: web, namespace: shop}
spec:
  host: web
  subsets:
  - {name: v1, labels: {version: v1}}
  - {name: v2, labels: {version: v2}}
`;
// A MESH_EXTERNAL ServiceEntry of namespace shop: one host, one TCP port.
const SE = (name: string, host: string, port: number) => `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: ${name}, namespace: shop}
spec:
  hosts: [${host}]
  location: MESH_EXTERNAL
  resolution: DNS
  ports:
  - {number: ${port}, name: tcp, protocol: TCP}
`;
// A mesh VirtualService of namespace shop routing TCP for `host` to its port `port`.
const VS_TCP = (host: string, port: number) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: db, namespace: shop}
spec:
  hosts: [${host}]
  tcp:
  - route:
    - destination:
        host: ${host}
        port: {number: ${port}}
`;
const GW = (name: string, ns: string, host = '*') => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["${host}"]
`;
const SIDECAR = (name: string, sel?: string) => `apiVersion: networking.istio.io/v1
kind: Sidecar
metadata: {name: ${name}, namespace: shop}
spec:
${sel ? `  workloadSelector: {labels: {${sel}}}\n` : ''}  egress: [{hosts: ["./*"]}]
`;

const CASES: Case[] = [
  {
    name: 'missing gateway of a namespace whose gateways the workspace defines: range on the gateway name',
    analyzer: 'virtualservice.GatewayAnalyzer',
    files: { 'vs.yaml': VS_GW, 'gw.yaml': GW('public-gw', 'shop', 'web.example.com') },
    expect: ['IST0101 vs.yaml:6 "shop-gw"', 'IST0132 vs.yaml:6 "shop-gw"'],
  },
  {
    name: 'gateway of a namespace the workspace defines no gateway in: unknown, not missing',
    analyzer: 'virtualservice.GatewayAnalyzer',
    files: { 'apps/vs.yaml': VS_GW, 'infra/gw.yaml': GW('shop-gw', 'edge', 'web.example.com') },
    expect: [],
  },
  {
    name: 'gateway applied beside it in another namespace: the name is looked up in its own, missing there',
    analyzer: 'virtualservice.GatewayAnalyzer',
    files: { 'vs.yaml': VS_GW, 'gw.yaml': GW('shop-gw', 'edge', 'web.example.com') },
    expect: ['IST0101 vs.yaml:6 "shop-gw"', 'IST0132 vs.yaml:6 "shop-gw"'],
  },
  {
    name: 'gateway present in another file',
    analyzer: 'virtualservice.GatewayAnalyzer',
    files: { 'vs.yaml': VS_GW, 'gw.yaml': GW('shop-gw', 'shop', 'web.example.com') },
    expect: [],
  },
  {
    name: 'legacy gateway name `name.ns.svc.cluster.local` binds `ns/name`, as istiod resolves it (istioctl: not found)',
    analyzer: 'virtualservice.GatewayAnalyzer',
    files: {
      'vs.yaml': VS_GW.replace('[shop-gw]', '[shop-gw.edge.svc.cluster.local]'),
      'gw.yaml': GW('shop-gw', 'edge', 'web.example.com') + '---\n' + GW('public-gw', 'shop'),
    },
    expect: [],
  },
  {
    name: 'legacy and `./name` gateway names resolved: a Gateway missing there is still reported',
    analyzer: 'virtualservice.GatewayAnalyzer',
    files: {
      'vs.yaml': VS_GW.replace('[shop-gw]', '[shop-gw.edge, ./public-gw]'),
      'gw.yaml': GW('other-gw', 'edge') + '---\n' + GW('public-gw', 'shop', 'web.example.com'),
    },
    expect: ['IST0101 vs.yaml:6 "shop-gw.edge"', 'IST0132 vs.yaml:6 "shop-gw.edge"'],
  },
  {
    name: 'a Gateway of that namespace named with a placeholder may become the one referenced: not proven missing',
    analyzer: 'virtualservice.GatewayAnalyzer',
    files: {
      'vs.yaml': VS_GW,
      'gw.yaml': GW('<YOUR_TEAM>-gw', 'shop', 'web.example.com') + '---\n' + GW('public-gw', 'shop'),
    },
    expect: [],
  },
  {
    name: 'a placeholder-named Gateway whose literal parts the reference lacks proves nothing for it',
    analyzer: 'virtualservice.GatewayAnalyzer',
    files: { 'vs.yaml': VS_GW, 'gw.yaml': GW('<TEAM>-edge', 'shop', 'web.example.com') },
    expect: ['IST0101 vs.yaml:6 "shop-gw"', 'IST0132 vs.yaml:6 "shop-gw"'],
  },
  {
    name: 'a gateway a route match names is a reference too: a misspelt one (the match is dead) is missing',
    analyzer: 'virtualservice.GatewayAnalyzer',
    files: {
      'vs.yaml': VS_GW.replace('[shop-gw]', '[shop-gw, mesh]').replace(
        '  - route:',
        '  - match: [{gateways: [shop-gwy]}, {gateways: [mesh]}]\n    route:',
      ),
      'gw.yaml': GW('shop-gw', 'shop', 'web.example.com'),
    },
    expect: ['IST0101 vs.yaml:8 "shop-gwy"'],
  },
  {
    name: 'match gateways: one spec.gateways lists is reported there once; an unknown namespace proves nothing',
    analyzer: 'virtualservice.GatewayAnalyzer',
    files: {
      'vs.yaml': VS_GW.replace('[shop-gw]', '[shop-gw]').replace(
        '  - route:',
        '  - match: [{gateways: [shop-gw, edge/any-gw, mesh]}]\n    route:',
      ),
      'gw.yaml': GW('public-gw', 'shop', 'web.example.com'),
    },
    expect: ['IST0101 vs.yaml:6 "shop-gw"', 'IST0132 vs.yaml:6 "shop-gw"'],
  },
  {
    name: 'gateway present but serves other hosts',
    analyzer: 'virtualservice.GatewayAnalyzer',
    files: { 'vs.yaml': VS_GW, 'gw.yaml': GW('shop-gw', 'shop', 'api.example.com') },
    expect: ['IST0132 vs.yaml:6 "shop-gw"'],
  },
  {
    name: 'subset the DestinationRule of its host lacks: range on the subset',
    analyzer: 'virtualservice.DestinationRuleAnalyzer',
    files: { 'vs.yaml': VS_GW, 'dr.yaml': DR.replace(/ {2}- \{name: v2.*\n/, '') },
    expect: ['IST0101 vs.yaml:9 "v2"'],
  },
  {
    name: 'no DestinationRule for the host in the workspace: its subsets are defined elsewhere',
    analyzer: 'virtualservice.DestinationRuleAnalyzer',
    files: { 'vs.yaml': VS_GW, 'other.yaml': DR.replace('host: web', 'host: checkout') },
    expect: [],
  },
  {
    name: 'the DestinationRule of the namespace names a host a slip away: the subset is missing',
    analyzer: 'virtualservice.DestinationRuleAnalyzer',
    files: {
      'vs.yaml': VS_GW.replace('host: web,', 'host: webapp,'),
      'dr.yaml': DR.replace('host: web', 'host: wepapp'),
    },
    expect: ['IST0101 vs.yaml:9 "v2"'],
  },
  {
    name: 'whole cluster: a subset without DestinationRule is missing',
    analyzer: 'virtualservice.DestinationRuleAnalyzer',
    files: { 'vs.yaml': VS_GW },
    opts: { assumeComplete: true },
    expect: ['IST0101 vs.yaml:9 "v2"'],
  },
  {
    name: 'subset declared by another definition of the DestinationRule (tutorial steps): not proven missing',
    analyzer: 'virtualservice.DestinationRuleAnalyzer',
    files: { 'vs.yaml': VS_GW, 'dr-all.yaml': DR, 'dr-v1.yaml': DR.replace(/ {2}- \{name: v2.*\n/, '') },
    expect: [],
  },
  {
    name: 'whole cluster: only the winning definition of the DestinationRule counts',
    analyzer: 'virtualservice.DestinationRuleAnalyzer',
    files: { 'vs.yaml': VS_GW, 'dr-all.yaml': DR, 'dr-v1.yaml': DR.replace(/ {2}- \{name: v2.*\n/, '') },
    opts: { assumeComplete: true },
    expect: ['IST0101 vs.yaml:9 "v2"'],
  },
  {
    name: 'a port another definition of the Service declares: not proven missing',
    analyzer: 'virtualservice.DestinationHostAnalyzer',
    files: {
      'vs.yaml': VS_GW.replace('{host: web, subset: v2}', '{host: web, port: {number: 8443}}'),
      'svc-metrics.yaml': SVC.replace('port: 9090', 'port: 8443'),
      'svc.yaml': SVC,
    },
    expect: [],
  },
  {
    name: 'whole cluster: only the winning definition of the Service counts for ports',
    analyzer: 'virtualservice.DestinationHostAnalyzer',
    files: {
      'vs.yaml': VS_GW.replace('{host: web, subset: v2}', '{host: web, port: {number: 8443}}'),
      'svc-metrics.yaml': SVC.replace('port: 9090', 'port: 8443'),
      'svc.yaml': SVC,
    },
    opts: { assumeComplete: true },
    expect: ['IST0101 vs.yaml:9 "8443"'],
  },
  {
    name: 'a port a version of another ServiceEntry declares for the host (the file that routes there): not proven missing',
    analyzer: 'virtualservice.DestinationHostAnalyzer',
    files: {
      'egress/api-se.yaml': SE('api-se', 'api.example.com', 443),
      // Two versions of one file: the first rewrote ServiceEntry ext for api.example.com with its route.
      'egress/ext/db-v1.yaml': `${SE('ext', 'api.example.com', 3306)}---\n${VS_TCP('api.example.com', 3306)}`,
      'egress/ext/db-v2.yaml': SE('ext', 'db.example.com', 3306),
    },
    expect: [],
  },
  {
    name: 'a port no version of any ServiceEntry declares for the host: still missing',
    analyzer: 'virtualservice.DestinationHostAnalyzer',
    files: {
      'egress/api-se.yaml': SE('api-se', 'api.example.com', 443),
      'egress/ext/db-v1.yaml': `${SE('ext', 'api.example.com', 3306)}---\n${VS_TCP('api.example.com', 5432)}`,
      'egress/ext/db-v2.yaml': SE('ext', 'db.example.com', 3306),
    },
    expect: ['IST0101 egress/ext/db-v1.yaml:20 "5432"'],
  },
  {
    name: 'whole cluster: only the ServiceEntry the host resolves to counts for ports',
    analyzer: 'virtualservice.DestinationHostAnalyzer',
    files: {
      'egress/api-se.yaml': SE('api-se', 'api.example.com', 443),
      'egress/ext/db-v1.yaml': `${SE('ext', 'api.example.com', 3306)}---\n${VS_TCP('api.example.com', 3306)}`,
      'egress/ext/db-v2.yaml': SE('ext', 'db.example.com', 3306),
    },
    opts: { assumeComplete: true },
    expect: ['IST0101 egress/ext/db-v1.yaml:20 "3306"'],
  },
  {
    name: 'a host another definition of the Gateway serves: not missing from it',
    analyzer: 'virtualservice.GatewayAnalyzer',
    files: {
      'vs.yaml': VS_GW,
      'gw-step1.yaml': GW('shop-gw', 'shop', 'web.example.com'),
      'gw-step2.yaml': GW('shop-gw', 'shop', 'api.example.com'),
    },
    expect: [],
  },
  {
    name: 'a misspelt subset in a definition analysis does not read (tutorial steps): each definition is checked',
    analyzer: 'virtualservice.DestinationRuleAnalyzer',
    files: {
      'step1/vs.yaml': VS_GW.replace('subset: v2', 'subset: v22'),
      'step2/vs.yaml': VS_GW,
      'dr.yaml': DR,
    },
    expect: ['IST0101 step1/vs.yaml:9 "v22"'],
  },
  {
    name: 'whole cluster: only the definition the cluster holds is checked for subsets',
    analyzer: 'virtualservice.DestinationRuleAnalyzer',
    files: {
      'step1/vs.yaml': VS_GW.replace('subset: v2', 'subset: v22'),
      'step2/vs.yaml': VS_GW,
      'dr.yaml': DR,
    },
    opts: { assumeComplete: true },
    expect: [],
  },
  {
    name: 'a misspelt gateway in a definition analysis does not read: reported on it',
    analyzer: 'virtualservice.GatewayAnalyzer',
    files: {
      'step1/vs.yaml': VS_GW.replace('[shop-gw]', '[shop-gww]'),
      'step2/vs.yaml': VS_GW,
      'gw.yaml': GW('shop-gw', 'shop', 'web.example.com'),
    },
    expect: ['IST0101 step1/vs.yaml:6 "shop-gww"', 'IST0132 step1/vs.yaml:6 "shop-gww"'],
  },
  {
    name: 'a port no definition of the Service has, in a definition analysis does not read: reported on it',
    analyzer: 'virtualservice.DestinationHostAnalyzer',
    files: {
      'step1/vs.yaml': VS_GW.replace('{host: web, subset: v2}', '{host: web, port: {number: 8080}}'),
      'step2/vs.yaml': VS_GW.replace('{host: web, subset: v2}', '{host: web, port: {number: 80}}'),
      'svc.yaml': SVC,
    },
    expect: ['IST0101 step1/vs.yaml:9 "8080"'],
  },
  {
    name: 'a VirtualService bound only to the mesh serves no ingress gateway: its own unsplit route is no IST0140',
    analyzer: 'virtualservice.DestinationHostAnalyzer',
    files: { 'vs.yaml': VS_MESH_SPLIT },
    expect: [],
  },
  {
    name: 'bound to a gateway as well as the mesh: the unsplit route misses the split for gateway requests',
    analyzer: 'virtualservice.DestinationHostAnalyzer',
    files: { 'vs.yaml': VS_MESH_SPLIT.replace('[mesh]', '[shop-gw, mesh]') },
    expect: ['IST0140 vs.yaml:15 "web"'],
  },
  {
    name: "a gateway route to another namespace's host of the same short name: not the host the split is of, no IST0140",
    analyzer: 'virtualservice.DestinationHostAnalyzer',
    files: { 'vs.yaml': VS_MESH_SPLIT, 'gw-vs.yaml': VS_GW_FRONT('web') },
    expect: [],
  },
  {
    name: 'a gateway route naming the split host by its FQDN from another namespace: IST0140',
    analyzer: 'virtualservice.DestinationHostAnalyzer',
    files: { 'vs.yaml': VS_MESH_SPLIT, 'gw-vs.yaml': VS_GW_FRONT('web.shop.svc.cluster.local') },
    expect: ['IST0140 gw-vs.yaml:9 "web.shop.svc.cluster.local"'],
  },
  {
    name: 'destination host of an undescribed namespace: not provable',
    analyzer: 'virtualservice.DestinationHostAnalyzer',
    files: { 'vs.yaml': VS_GW },
    expect: [],
  },
  {
    name: 'destination host missing in a described namespace',
    analyzer: 'virtualservice.DestinationHostAnalyzer',
    files: { 'vs.yaml': VS_GW.replace('host: web,', 'host: webb,'), 'svc.yaml': SVC },
    expect: ['IST0101 vs.yaml:9 "webb"'],
  },
  {
    name: 'destination with two ports and no port',
    analyzer: 'virtualservice.DestinationHostAnalyzer',
    files: { 'vs.yaml': VS_GW, 'svc.yaml': SVC },
    expect: ['IST0112 vs.yaml:9 "web"'],
  },
  {
    name: 'whole cluster: undescribed namespace proves the host missing',
    analyzer: 'virtualservice.DestinationHostAnalyzer',
    files: { 'vs.yaml': VS_GW },
    opts: { assumeComplete: true },
    expect: ['IST0101 vs.yaml:9 "web"'],
  },
  {
    name: 'subset selecting no pod of a deployed service',
    analyzer: 'destinationrule.SubsetSelectPodAnalyzer',
    files: { 'dr.yaml': DR, 'svc.yaml': SVC, 'deploy.yaml': DEPLOY },
    expect: ['IST0173 dr.yaml:8 "v2"'],
  },
  {
    name: 'service without workloads in the workspace: subsets not judged',
    analyzer: 'destinationrule.SubsetSelectPodAnalyzer',
    files: { 'dr.yaml': DR, 'svc.yaml': SVC },
    expect: [],
  },
  {
    name: 'port name without protocol: range on the port entry',
    analyzer: 'service.PortNameAnalyzer',
    files: { 'svc.yaml': SVC },
    expect: ['IST0118 svc.yaml:8 "{name: metrics, port: 9090}"'],
  },
  {
    name: 'two namespace-wide sidecars',
    analyzer: 'sidecar.SelectorAnalyzer',
    files: { 'a.yaml': SIDECAR('a'), 'b.yaml': SIDECAR('b') },
    expect: ['IST0111 a.yaml:3 "a"', 'IST0111 b.yaml:3 "b"'],
  },
  {
    name: 'one sidecar written in two files is not a conflict',
    analyzer: 'sidecar.SelectorAnalyzer',
    files: { 'a.yaml': SIDECAR('a'), 'a2.yaml': SIDECAR('a') },
    expect: [],
  },
  {
    name: 'two sidecars selecting the same deployment',
    analyzer: 'sidecar.SelectorAnalyzer',
    files: {
      'a.yaml': SIDECAR('a', 'app: web'),
      'b.yaml': SIDECAR('b', 'version: v1'),
      'deploy.yaml': DEPLOY,
    },
    expect: ['IST0110 a.yaml:3 "a"', 'IST0110 b.yaml:3 "b"'],
  },
  {
    name: 'sidecar selector a slip away from a workload of the namespace',
    analyzer: 'sidecar.SelectorAnalyzer',
    files: { 'a.yaml': SIDECAR('a', 'app: wep'), 'deploy.yaml': DEPLOY },
    expect: ['IST0101 a.yaml:5 "wep"'],
  },
  {
    name: 'sidecar selector like no workload of the namespace: deployed elsewhere',
    analyzer: 'sidecar.SelectorAnalyzer',
    files: { 'a.yaml': SIDECAR('a', 'app: nope'), 'deploy.yaml': DEPLOY },
    expect: [],
  },
  {
    name: 'sidecar selector matching nothing, namespace not in the workspace',
    analyzer: 'sidecar.SelectorAnalyzer',
    files: { 'a.yaml': SIDECAR('a', 'app: nope') },
    expect: [],
  },
  {
    name: 'gateway without its workload in the workspace: silent',
    analyzer: 'gateway.IngressGatewayPortAnalyzer',
    files: { 'gw.yaml': GW('g', 'shop') },
    expect: [],
  },
  {
    name: 'duplicate mesh host across files of one VirtualService',
    analyzer: 'virtualservice.ConflictingMeshGatewayHostsAnalyzer',
    files: {
      'a.yaml': VS_GW.replace('  gateways: [shop-gw]\n', ''),
      'b.yaml': VS_GW.replace('  gateways: [shop-gw]\n', ''),
    },
    expect: [],
  },
  {
    name: 'two VirtualServices on the mesh with one host',
    analyzer: 'virtualservice.ConflictingMeshGatewayHostsAnalyzer',
    files: {
      'a.yaml': VS_GW.replace('  gateways: [shop-gw]\n', ''),
      'b.yaml': VS_GW.replace('  gateways: [shop-gw]\n', '').replace('name: web,', 'name: web2,'),
    },
    expect: ['IST0109 a.yaml:3 "web"', 'IST0109 b.yaml:3 "web2"'],
  },
  {
    // Istio's DNS proxying task installs with this IstioOperator, then adds TCP ServiceEntries without
    // addresses: istiod allocates them one. The workspace's installation is the mesh config.
    name: 'an IstioOperator of the workspace turning on DNS auto-allocation sets the mesh config',
    analyzer: 'serviceentry.Analyzer',
    files: { 'iop.yaml': DNS_IOP('"true"'), 'se.yaml': TCP_SE },
    expect: [],
  },
  {
    name: 'an IstioOperator of the workspace leaving DNS auto-allocation off proves it off',
    analyzer: 'serviceentry.Analyzer',
    files: { 'iop.yaml': DNS_IOP('"false"'), 'se.yaml': TCP_SE },
    expect: ['IST0134 se.yaml:7 "{name: tcp, number: 9000, protocol: TCP}"'],
  },
  {
    // istiod's rendered manifests, or a GitOps copy of its ConfigMap: what istiod reads.
    name: 'the istio ConfigMap of the workspace sets the mesh config: auto-allocation on, or proven off',
    analyzer: 'serviceentry.Analyzer',
    files: { 'cm.yaml': DNS_CONFIGMAP('"true"'), 'se.yaml': TCP_SE },
    expect: [],
  },
  {
    name: 'the istio ConfigMap of the workspace leaving auto-allocation off proves it off',
    analyzer: 'serviceentry.Analyzer',
    files: { 'cm.yaml': DNS_CONFIGMAP('"false"'), 'se.yaml': TCP_SE },
    expect: ['IST0134 se.yaml:7 "{name: tcp, number: 9000, protocol: TCP}"'],
  },
  {
    name: 'an IstioOperator and an istio ConfigMap that disagree prove no setting absent',
    analyzer: 'serviceentry.Analyzer',
    files: { 'cm.yaml': DNS_CONFIGMAP('"false"'), 'iop.yaml': DNS_IOP('"true"'), 'se.yaml': TCP_SE },
    expect: [],
  },
  {
    // Which of them the cluster runs is unknown; so is the mesh config (AnalysisContext.meshConfigKnown).
    name: 'IstioOperators that set different mesh configs prove no setting absent',
    analyzer: 'serviceentry.Analyzer',
    files: { 'iop.yaml': DNS_IOP('"true"'), 'other.yaml': DNS_IOP('"false"'), 'se.yaml': TCP_SE },
    expect: [],
  },
  {
    // Helm values, an operator's resource or a ConfigMap applied apart may turn auto-allocation on.
    name: 'without a mesh config of the workspace or the settings, a TCP ServiceEntry without addresses is not reported',
    analyzer: 'serviceentry.Analyzer',
    files: { 'se.yaml': TCP_SE },
    expect: [],
  },
  {
    name: 'without a mesh config of the workspace or the settings, default access-log providers are unknown',
    analyzer: 'telemetry.ProviderAnalyzer',
    files: {
      't.yaml': NO_PROVIDER_TELEMETRY,
    },
    expect: [],
  },
  {
    name: 'with the whole cluster, a TCP ServiceEntry without addresses is reported (Istio’s default mesh config)',
    analyzer: 'serviceentry.Analyzer',
    files: { 'se.yaml': TCP_SE },
    opts: { assumeComplete: true },
    expect: ['IST0134 se.yaml:7 "{name: tcp, number: 9000, protocol: TCP}"'],
  },
  {
    name: 'an access-log entry without providers is ignored under the IstioOperator’s mesh config, which sets none',
    analyzer: 'telemetry.ProviderAnalyzer',
    files: {
      'iop.yaml': DNS_IOP('"true"'),
      't.yaml': NO_PROVIDER_TELEMETRY,
    },
    expect: ['IST0157 t.yaml:6 "filter: {expression: \\"response.code >= 400\\"}\\n"'],
  },
  {
    // An egress task's pair: the sidecars' SNI route to the egress gateway, and the HTTP routes of TLS
    // origination through it. istiod builds each where the port's protocol puts it.
    name: 'TLS-only and HTTP-only VirtualServices of one mesh host do not conflict',
    analyzer: 'virtualservice.ConflictingMeshGatewayHostsAnalyzer',
    files: { 'a.yaml': MESH_VS('tls-route', TLS_ROUTE) + '---\n' + MESH_VS('http-route', HTTP_ROUTE) },
    expect: [],
  },
  {
    name: 'TLS and TCP routes of one mesh host conflict, as do HTTP routes beside HTTP and TLS',
    analyzer: 'virtualservice.ConflictingMeshGatewayHostsAnalyzer',
    files: {
      'a.yaml': MESH_VS('tls-route', TLS_ROUTE) + '---\n' + MESH_VS('tcp-route', TCP_ROUTE),
      'b.yaml':
        MESH_VS('http-route', HTTP_ROUTE, 'b.example.com') +
        '---\n' +
        MESH_VS('both', HTTP_ROUTE + TLS_ROUTE, 'b.example.com'),
    },
    expect: [
      'IST0109 a.yaml:3 "tls-route"',
      'IST0109 a.yaml:13 "tcp-route"',
      'IST0109 b.yaml:3 "http-route"',
      'IST0109 b.yaml:12 "both"',
    ],
  },
];

for (const c of CASES) {
  test(`${c.analyzer}: ${c.name}`, () => {
    const files = Object.entries(c.files).map(([name, text]) => parseFile(`file:///${name}`, text));
    const analyzer = analyzerByName(c.analyzer);
    assert.ok(analyzer, `${c.analyzer} registered`);
    const out = analyzeWorkspace(files, { analyzers: [analyzer], ...c.opts });
    const got: string[] = [];
    for (const f of files) {
      for (const d of out.get(f.uri) ?? []) {
        const text = f.text.slice(f.lines.offsetAt(d.range.start), f.lines.offsetAt(d.range.end));
        got.push(
          `${d.code} ${f.uri.slice('file:///'.length)}:${d.range.start.line + 1} ${JSON.stringify(text)}`,
        );
        assert.match(
          d.codeDescription!.href,
          /^https:\/\/istio\.io\/latest\/docs\/reference\/config\/analysis\/ist\d{4}\/$/,
        );
        assert.ok(!d.message.includes('%!'), d.message);
      }
    }
    assert.deepEqual(got.sort(), [...c.expect].sort());
  });
}

test('gateway.SecretAnalyzer: invalid, expired and missing credentials', () => {
  const f = parseFile(
    'file:///s.yaml',
    readText(path.join(istioData, 'analysis/testdata/gateway-secrets-validation.yaml')),
  );
  const gw = parseFile('file:///d.yaml', readText(path.join(istioData, 'analysis/default-resources.yaml')));
  const out = analyzeWorkspace([f, gw], { analyzers: [analyzerByName('gateway.SecretAnalyzer')!] });
  assert.deepEqual(
    out.get(f.uri)!.map((d) => `${d.code} ${d.resource!.name}`),
    [
      'IST0161 defaultgateway-invalid-keys',
      'IST0161 defaultgateway-missing-keys',
      'IST0161 defaultgateway-invalid-cert',
      'IST0161 defaultgateway-expired',
    ],
  );
});

test('services.MultiClusterServiceAnalyzer: clusters from the front end', () => {
  const dir = path.join(istioData, 'analysis/testdata/multicluster');
  const files = ['inconsistent-service-1.yaml', 'inconsistent-service-2.yaml'].map((n) =>
    parseFile(`file:///${n}`, readText(path.join(dir, n))),
  );
  const analyzers = [analyzerByName('services.MultiClusterServiceAnalyzer')!];
  const none = analyzeWorkspace(files, { analyzers });
  assert.equal([...none.values()].flat().length, 0, 'no cluster known: nothing to compare');
  const out = analyzeWorkspace(files, { analyzers, clusterOf: (uri) => (uri.includes('-1') ? 'c1' : 'c2') });
  const names = [...out.values()]
    .flat()
    .map((d) => d.resource!.name)
    .sort();
  assert.deepEqual(names, [
    'extra-port',
    'inconsistent-port-name',
    'mixed-mode',
    'mixed-port-protocol',
    'mixed-type',
  ]);
});

test('x509: validity of the upstream test certificate', () => {
  const doc = readText(path.join(istioData, 'analysis/testdata/gateway-secrets.yaml'));
  const b64 = /tls\.crt: (\S+)/.exec(doc)![1];
  const pem = Buffer.from(b64, 'base64').toString();
  const v = certificateValidity(pemCertificates(pem)[0])!;
  assert.equal(v.notBefore.toISOString(), '2023-03-14T02:54:30.000Z');
  assert.equal(v.notAfter.toISOString(), '2122-02-18T06:18:36.000Z');
  assert.equal(
    certificateValidity(new Uint8Array([0x30, 0x82, 0xff])),
    undefined,
    'truncated DER is rejected, not thrown',
  );
});

const PROTOCOLS: [number, string, string, string | undefined, string][] = [
  [80, 'http', 'TCP', undefined, 'HTTP'],
  [80, 'http-web', 'TCP', undefined, 'HTTP'],
  [80, 'HTTP2', 'TCP', undefined, 'HTTP2'],
  [80, 'web', 'TCP', undefined, 'UnsupportedProtocol'],
  [80, 'web', 'TCP', 'http', 'HTTP'],
  [80, 'x', 'TCP', 'kubernetes.io/h2c', 'HTTP2'],
  [3306, '', 'TCP', undefined, 'TCP'],
  [53, 'dns', 'UDP', undefined, 'UDP'],
  [80, 'grpc-web-x', 'TCP', undefined, 'GRPC-Web'],
];
test('protocol detection from port name and appProtocol', () => {
  for (const [port, name, proto, app, want] of PROTOCOLS)
    assert.equal(convertProtocol(port, name, proto, app), want, `${port} ${name} ${app}`);
});

test('registry: every analyzer of upstream ANALYZERS.json, once, with codes from the catalogue', async () => {
  const { ALL_ANALYZERS } = await import('../../server/src/engine/analyzers');
  const { MESSAGES } = await import('../../server/src/engine/analysis');
  const upstream = JSON.parse(readText(path.join(istioData, 'analysis/ANALYZERS.json'))) as {
    name: string;
    inAll: boolean;
  }[];
  const names = ALL_ANALYZERS.map((a) => a.meta.name);
  assert.equal(new Set(names).size, names.length, 'unique names');
  for (const u of upstream) {
    const name =
      u.name === 'schema.ValidationAnalyzer.<Kind>' ? 'schema.ValidationAnalyzer.VirtualService' : u.name;
    const a = ALL_ANALYZERS.find((x) => x.meta.name === name);
    assert.ok(a, `${name} registered`);
    assert.equal(a.meta.inAll, u.inAll, `${name} inAll`);
  }
  for (const a of ALL_ANALYZERS)
    for (const c of a.meta.codes) assert.ok(MESSAGES[c], `${a.meta.name} code ${c} in messages.yaml`);
});

test('partial view: in a namespace the workspace describes, a host a slip from a Service is missing', () => {
  const ns = parseFile(
    'file:///ns.yaml',
    'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: wep, namespace: shop}\n',
  );
  const vs = parseFile('file:///vs.yaml', VS_GW);
  const analyzers = [analyzerByName('virtualservice.DestinationHostAnalyzer')!];
  assert.equal(analyzeWorkspace([vs], { analyzers }).get(vs.uri)!.length, 0);
  assert.deepEqual(
    analyzeWorkspace([vs, ns], { analyzers })
      .get(vs.uri)!
      .map((d) => d.code),
    ['IST0101'],
  );
});

test('partial view: a Service whose namespace is given at apply time is slip evidence wherever it lands', () => {
  // The kubectl -n layout: namespace-less Service, VirtualService naming the namespace in its host.
  const files = (host: string, service = 'model-catalog') => [
    parseFile('file:///ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: kubeflow}\n'),
    parseFile(
      'file:///app/svc.yaml',
      `apiVersion: v1\nkind: Service\nmetadata: {name: ${service}}\nspec:\n  ports: [{name: http, port: 8080}]\n`,
    ),
    parseFile(
      'file:///app/vs.yaml',
      `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: catalog}\nspec:\n  hosts: ["*"]\n  gateways: [kubeflow/gw]\n  http:\n  - route:\n    - destination: {host: ${host}}\n`,
    ),
  ];
  const analyzers = [analyzerByName('virtualservice.DestinationHostAnalyzer')!];
  const found = (ws: ReturnType<typeof files>) =>
    analyzeWorkspace(ws, { analyzers })
      .get('file:///app/vs.yaml')!
      .map((d) => `${d.code} ${d.message}`);
  assert.deepEqual(found(files('model-catalo.kubeflow.svc.cluster.local')), [
    'IST0101 Referenced host not found: "model-catalo.kubeflow.svc.cluster.local"',
  ]);
  assert.deepEqual(found(files('model-catalog.kubeflow.svc.cluster.local')), []);
  // Nothing a slip away, or a namespace the workspace does not describe: deployed from elsewhere.
  assert.deepEqual(found(files('model-catalo.kubeflow.svc.cluster.local', 'orders')), []);
  assert.deepEqual(found(files('model-catalo.tools.svc.cluster.local')), []);
});

test('partial view: a Gateway whose namespace is given at apply time is slip evidence for gateway references', () => {
  const files = (gateway: string) => [
    parseFile(
      'file:///gw/gateway.yaml',
      'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: kubeflow-gateway}\nspec:\n  selector: {istio: ingressgateway}\n  servers:\n  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: ["*"]\n',
    ),
    parseFile(
      'file:///app/vs.yaml',
      `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: dashboard, namespace: kubeflow}\nspec:\n  hosts: ["*"]\n  gateways: [${gateway}]\n  http:\n  - route:\n    - destination: {host: dashboard}\n`,
    ),
  ];
  const analyzers = [analyzerByName('virtualservice.GatewayAnalyzer')!];
  const found = (ws: ReturnType<typeof files>) =>
    analyzeWorkspace(ws, { analyzers })
      .get('file:///app/vs.yaml')!
      .map((d) => `${d.code} ${d.message}`);
  // As istioctl: the reference is missing (IST0101), so no server of it serves the host (IST0132).
  assert.deepEqual(found(files('kubeflow-gatewa')), [
    'IST0101 Referenced gateway not found: "kubeflow-gatewa"',
    'IST0132 one or more host [*] defined in VirtualService kubeflow/dashboard not found in Gateway kubeflow/kubeflow-gatewa.',
  ]);
  assert.deepEqual(found(files('kubeflow-gateway')), []);
  // Unlike anything here: an installer or another repository may well create it.
  assert.deepEqual(found(files('public-gateway')), []);
});

test('partial view: namespace-less Gateways define the namespace only for what is applied with them', () => {
  const gateway =
    'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: demo-gateway}\nspec:\n  selector: {istio: ingressgateway}\n  servers:\n  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: ["*"]\n';
  const vs =
    'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: web}\nspec:\n  hosts: ["*"]\n  gateways: [split-gateway]\n  http:\n  - route:\n    - destination: {host: web}\n';
  const analyzers = [analyzerByName('virtualservice.GatewayAnalyzer')!];
  const found = (gwUri: string) =>
    analyzeWorkspace([parseFile(gwUri, gateway), parseFile('file:///lint/testdata/vs.yaml', vs)], {
      analyzers,
    })
      .get('file:///lint/testdata/vs.yaml')!
      .map((d) => d.code);
  // Another directory's Gateway, namespace given at apply time, says nothing of where this one is applied:
  // the file defining split-gateway is elsewhere (another demo, a copy without it).
  assert.deepEqual(found('file:///docs/demo/gateway.yaml'), []);
  // Applied with it (`kubectl apply -n NS -f lint/`), the namespace's Gateways are defined: a mistake.
  assert.deepEqual(found('file:///lint/testdata/gateway.yaml'), ['IST0101', 'IST0132']);
  assert.deepEqual(found('file:///lint/gateway.yaml'), ['IST0101', 'IST0132']);
});

test('partial view: a host is missing from a namespace-less Gateway only for what is applied with it', () => {
  const gateway =
    'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: web-gateway}\nspec:\n  selector: {istio: ingressgateway}\n  servers:\n  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: [shop.example.com]\n';
  const vs =
    'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: web}\nspec:\n  hosts: [resilience.example.com]\n  gateways: [web-gateway]\n  http:\n  - route:\n    - destination: {host: web}\n';
  const analyzers = [analyzerByName('virtualservice.GatewayAnalyzer')!];
  const found = (gwUri: string, gw = gateway, route = vs) =>
    analyzeWorkspace([parseFile(gwUri, gw), parseFile('file:///resilience/istio/vs.yaml', route)], {
      analyzers,
    })
      .get('file:///resilience/istio/vs.yaml')!
      .map((d) => d.code);
  // Another demo's Gateway of that name, namespace given at apply time: the one this VirtualService is
  // applied beside (`kubectl apply -n resilience`) is a file the workspace does not hold.
  assert.deepEqual(found('file:///istiocon/web-api-ingress.yaml'), []);
  // Applied with it, or placed by its own namespace, it is the Gateway: the host is missing from it.
  assert.deepEqual(found('file:///resilience/istio/gw.yaml'), ['IST0132']);
  assert.deepEqual(found('file:///resilience/gw.yaml'), ['IST0132']);
  const inShop = (doc: string, name: string) =>
    doc.replace(`{name: ${name}}`, `{name: ${name}, namespace: shop}`);
  const placed = inShop(gateway, 'web-gateway');
  assert.deepEqual(found('file:///istiocon/web-api-ingress.yaml', placed, inShop(vs, 'web')), ['IST0132']);
});

test('partial view: a subset is missing from a namespace-less DestinationRule only for what is applied with it', () => {
  const rule =
    'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: web}\nspec:\n  host: web\n  subsets: [{name: v1, labels: {version: v1}}]\n';
  const vs =
    'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: web}\nspec:\n  hosts: [web]\n  http:\n  - route:\n    - destination: {host: web, subset: canary}\n';
  const analyzers = [analyzerByName('virtualservice.DestinationRuleAnalyzer')!];
  const found = (drUri: string, dr = rule) =>
    analyzeWorkspace([parseFile(drUri, dr), parseFile('file:///canary/vs.yaml', vs)], { analyzers })
      .get('file:///canary/vs.yaml')!
      .map((d) => d.code);
  // Another demo's rule for a host of that name, namespace given at apply time: the rule this
  // VirtualService is applied beside is one the workspace does not show.
  assert.deepEqual(found('file:///resilience/dr.yaml'), []);
  assert.deepEqual(found('file:///resilience/dr.yaml', rule.replace('host: web', 'host: wbe')), []);
  // Applied with it, the rule for its host lacks the subset (or names a host one slip from it).
  assert.deepEqual(found('file:///canary/rules/dr.yaml'), ['IST0101']);
  assert.deepEqual(found('file:///canary/dr.yaml', rule.replace('host: web', 'host: wbe')), ['IST0101']);
});

test('partial view: a gateway namespace one slip from where a Gateway of that name is, is misspelt', () => {
  const gateway = (ns: string) =>
    `apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: public-gateway, namespace: ${ns}}\nspec:\n  selector: {istio: ingressgateway}\n  servers:\n  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: ["*"]\n`;
  const files = (ref: string, extra = '') => [
    parseFile('file:///gw/gateway.yaml', gateway('istio-system') + extra),
    parseFile(
      'file:///app/vs.yaml',
      `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: web}\nspec:\n  hosts: ["*"]\n  gateways: [${ref}]\n  http:\n  - route:\n    - destination: {host: web}\n`,
    ),
  ];
  const analyzers = [analyzerByName('virtualservice.GatewayAnalyzer')!];
  const found = (ws: ReturnType<typeof files>) =>
    analyzeWorkspace(ws, { analyzers })
      .get('file:///app/vs.yaml')!
      .filter((d) => d.code === 'IST0101')
      .map((d) => d.message);
  assert.deepEqual(found(files('istio-sytem/public-gateway')), [
    'Referenced gateway not found: "istio-sytem/public-gateway"',
  ]);
  assert.deepEqual(found(files('istio-system/public-gateway')), []);
  // Another name, a namespace unlike it, or numbered siblings: the Gateway may be deployed there from elsewhere.
  assert.deepEqual(found(files('istio-sytem/private-gateway')), []);
  assert.deepEqual(found(files('edge/public-gateway')), []);
  assert.deepEqual(
    found([parseFile('file:///gw/gateway.yaml', gateway('team1')), files('team2/public-gateway')[1]]),
    [],
  );
  // A namespace the workspace describes (its Namespace manifest) holds what it holds: not a slip.
  assert.deepEqual(
    found(
      files(
        'istio-sytem/public-gateway',
        '---\napiVersion: v1\nkind: Namespace\nmetadata: {name: istio-sytem}\n',
      ),
    ),
    [],
  );
});
