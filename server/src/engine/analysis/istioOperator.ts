// The components one IstioOperator makes `istioctl install` create, read as istio/istio's operator reads it
// (Istio 1.32, operator/pkg/render/manifest.go and operator/pkg/component/component.go):
// - MergeInputs: the file is merged onto its profile (on top of `default`) key by key; a list replaces the
//   profile's list whole, so `components.ingressGateways: [{name: my-gw}]` drops the default gateway.
// - Component.Get: every gateway of the merged list is installed unless `enabled: false` (BoolValue
//   GetValueOrTrue), or all of them when `values.gateways.istio-<ingress|egress>gateway.enabled` is true;
//   its namespace is the entry's `namespace`, else the merged `metadata.namespace`, which
//   translateIstioOperatorToHelm sets from `values.global.istioNamespace` when that is not empty (the
//   default profile sets istio-system, so the IstioOperator's own namespace counts only when it empties
//   it); `spec.namespace` is read by nothing.
// - applyComponentValuesToHelmValues: a gateway's `name` and `label` replace the chart values' name and
//   labels (so `values.gateways.*.labels` never reach it), coalesced by Helm over the chart's defaults
//   (manifests/charts/gateways/istio-{ingress,egress}/values.yaml); its `k8s.service.ports`, when set,
//   replace the chart's port list, as `values.gateways.*.ports` does (Helm replaces lists).
import type { Document } from 'yaml';
import type { ParsedFile } from '../parse/parseFile';
import { plainValue } from '../parse/plainValue';
import { arr, isObj, obj, str, type Obj } from '../util/json';

export interface ServicePort {
  name: string;
  port: number;
  targetPort: number | string;
  protocol: string;
}

export interface InstalledComponent {
  name: string;
  namespace: string;
  /** The image the Deployment runs: `pilot` (istiod) or `proxyv2` (gateways). */
  image: 'pilot' | 'proxyv2';
  labels: Record<string, string>;
  ports: ServicePort[];
  /**
   * Rendered from the default profile alone: no IstioOperator, or one that names no profile and leaves this
   * component (its gateway list, its chart's ports) unset, as a meshConfig-only IstioOperator does.
   */
  assumed: boolean;
}

/** `name port[:targetPort]`, comma-separated (targetPort defaults to port). */
function portList(text: string): ServicePort[] {
  return text.split(', ').map((entry) => {
    const [name, ports] = entry.split(' ');
    const [port, targetPort = port] = ports.split(':').map(Number);
    return { name, port, targetPort, protocol: 'TCP' };
  });
}

interface GatewayChart {
  /** The IstioOperator list (`spec.components.<key>`) and the chart's values root (`values.gateways.<root>`). */
  key: 'ingressGateways' | 'egressGateways';
  root: string;
  labels: Record<string, string>;
  ports: string;
}

const CHARTS: readonly GatewayChart[] = [
  {
    key: 'ingressGateways',
    root: 'istio-ingressgateway',
    labels: { app: 'istio-ingressgateway', istio: 'ingressgateway' },
    ports: 'status-port 15021, http2 80:8080, https 443:8443, tcp-istiod 15012, tls 15443',
  },
  {
    key: 'egressGateways',
    root: 'istio-egressgateway',
    labels: { app: 'istio-egressgateway', istio: 'egressgateway' },
    ports: 'http2 80:8080, https 443:8443, tls 15443',
  },
];

const ISTIOD: InstalledComponent = {
  name: 'istiod',
  namespace: 'istio-system',
  image: 'pilot',
  labels: { app: 'istiod', istio: 'pilot' },
  ports: portList('grpc-xds 15010, https-dns 15012, https-webhook 443:15017, http-monitoring 15014'),
  assumed: true,
};

const gatewayEntry = (name: string, enabled: boolean): Obj => ({ name, enabled });
const DEFAULT_COMPONENTS: Obj = {
  pilot: { enabled: true },
  ingressGateways: [gatewayEntry('istio-ingressgateway', true)],
  egressGateways: [gatewayEntry('istio-egressgateway', false)],
};
/** manifests/profiles/*.yaml: what each profile changes of the default profile's components. */
const PROFILE_COMPONENTS: Readonly<Record<string, Obj>> = {
  demo: {
    ingressGateways: [
      {
        ...gatewayEntry('istio-ingressgateway', true),
        k8s: {
          service: {
            ports: portList('status-port 15021, http2 80:8080, https 443:8443, tcp 31400, tls 15443'),
          },
        },
      },
    ],
    egressGateways: [gatewayEntry('istio-egressgateway', true)],
  },
  empty: { pilot: { enabled: false }, ingressGateways: [gatewayEntry('istio-ingressgateway', false)] },
  minimal: { ingressGateways: [gatewayEntry('istio-ingressgateway', false)] },
  ambient: { ingressGateways: [gatewayEntry('istio-ingressgateway', false)] },
  remote: { pilot: { enabled: false }, ingressGateways: [gatewayEntry('istio-ingressgateway', false)] },
};

/** The gateways Istio's profiles list (enabled or not): each may be installed apart from an IstioOperator. */
export const PROFILE_GATEWAYS: ReadonlySet<string> = new Set(
  [DEFAULT_COMPONENTS, ...Object.values(PROFILE_COMPONENTS)].flatMap((c) =>
    ['ingressGateways', 'egressGateways'].flatMap((k) =>
      (Array.isArray(c[k]) ? (c[k] as Obj[]) : []).map((g) => String(g.name)),
    ),
  ),
);

/** The labels Istio's gateway charts give their gateways (`istio: ingressgateway`, `istio: egressgateway`). */
export const PROFILE_GATEWAY_LABELS: readonly Readonly<Record<string, string>>[] = CHARTS.map(
  (c) => c.labels,
);

function servicePorts(list: unknown[]): ServicePort[] {
  const out: ServicePort[] = [];
  for (const p of list.map(obj)) {
    const port = typeof p.port === 'number' ? p.port : Number(str(p.port));
    if (!Number.isInteger(port)) continue;
    const target = typeof p.targetPort === 'number' || typeof p.targetPort === 'string' ? p.targetPort : port;
    out.push({ name: str(p.name), port, targetPort: target, protocol: str(p.protocol) || 'TCP' });
  }
  return out;
}

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(obj(v))) if (typeof x === 'string') out[k] = x;
  return out;
}

/** The pilot (istiod) component of the IstioOperator merged onto its profile: `enabled: false` installs none. */
function pilotComponent(iop: Obj | undefined): Obj {
  const spec = obj(iop?.spec);
  const profile = PROFILE_COMPONENTS[str(spec.profile) || 'default'] ?? {};
  return { ...obj(DEFAULT_COMPONENTS.pilot), ...obj(profile.pilot), ...obj(obj(spec.components).pilot) };
}

/**
 * What `istioctl install -f` of this IstioOperator creates (`undefined`: `istioctl install` with no file,
 * the default profile): istiod and the gateways, with their namespaces, labels and Service ports.
 */
export function operatorComponents(iop: Obj | undefined): InstalledComponent[] {
  const spec = obj(iop?.spec);
  const user = obj(spec.components);
  const profile = PROFILE_COMPONENTS[str(spec.profile) || 'default'] ?? {};
  const components = { ...DEFAULT_COMPONENTS, ...profile, ...user };
  const values = obj(spec.values);
  // The profile sets values.global.istioNamespace (istio-system), which overrides metadata.namespace
  // unless the IstioOperator sets it empty.
  const istioNamespace = obj(values.global).istioNamespace;
  const defaultNs =
    (typeof istioNamespace === 'string' ? istioNamespace : 'istio-system') ||
    str(obj(iop?.metadata).namespace) ||
    'istio-system';
  const out: InstalledComponent[] = [];
  const implicit = iop === undefined || !str(spec.profile);
  const pilot = pilotComponent(iop);
  if (pilot.enabled !== false)
    out.push({
      ...ISTIOD,
      namespace: str(pilot.namespace) || defaultNs,
      assumed: implicit && user.pilot === undefined,
    });
  for (const chart of CHARTS) {
    const chartValues = obj(obj(values.gateways)[chart.root]);
    const alwaysEnabled = chartValues.enabled === true;
    const ports = Array.isArray(chartValues.ports) ? servicePorts(chartValues.ports) : portList(chart.ports);
    const assumed = implicit && user[chart.key] === undefined && chartValues.ports === undefined;
    for (const gw of arr(components[chart.key]).filter(isObj)) {
      if (gw.enabled === false && !alwaysEnabled) continue;
      const own = arr(obj(obj(gw.k8s).service).ports);
      out.push({
        name: str(gw.name) || chart.root,
        namespace: str(gw.namespace) || defaultNs,
        image: 'proxyv2',
        labels: { ...chart.labels, ...stringMap(gw.label) },
        ports: own.length ? servicePorts(own) : ports,
        assumed,
      });
    }
  }
  return out;
}

/**
 * The labels of the gateways this IstioOperator replaces by its own: the entries of a gateway list that it
 * disables (`enabled: false`) while the same list installs another gateway of that chart. Such an install
 * manages that chart's gateways itself and takes the disabled one away (a later `istioctl install` of the
 * same revision prunes it). The labels are the chart's and the entry's `label`, as the gateway's would have
 * been. Not replaced: a list that only disables (a control plane whose gateways are installed apart), one
 * that only adds (often applied on top of another install, `--set profile=empty`), an install of a
 * `revision` (a canary beside the default one), `values.gateways.<chart>.enabled: true`, which
 * installs every listed gateway, and a gateway-only install (no istiod: `profile: empty`, or pilot
 * disabled): it is applied beside the control plane's install, whose default gateway it never created, and
 * istioctl prunes only what an install of its own name created (operator/pkg/uninstall/prune.go
 * GetPrunedResources selects by the owning-resource label), so its disabled entry only says that it does
 * not install that gateway itself.
 */
export function replacedGateways(iop: Obj): Record<string, string>[] {
  const spec = obj(iop.spec);
  if (str(spec.revision) || pilotComponent(iop).enabled === false) return [];
  const user = obj(spec.components);
  const out: Record<string, string>[] = [];
  for (const chart of CHARTS) {
    if (obj(obj(obj(spec.values).gateways)[chart.root]).enabled === true) continue;
    const own = arr(user[chart.key]).filter(isObj);
    const name = (gw: Obj) => str(gw.name) || chart.root;
    const installs = own.filter((gw) => gw.enabled !== false).map(name);
    if (!installs.length) continue;
    for (const gw of own)
      if (gw.enabled === false && !installs.includes(name(gw)))
        out.push({ ...chart.labels, ...stringMap(gw.label) });
  }
  return out;
}

const operatorValues = new WeakMap<Document, Obj>();

/**
 * The IstioOperator documents of a file, named or not: `istioctl install -f` needs no `metadata` (Istio's
 * own examples have none), so they are read here rather than as workspace resources.
 */
export function istioOperatorsOf(file: ParsedFile): Obj[] {
  const out: Obj[] = [];
  for (const doc of file.docs) {
    const r = doc.resource;
    if (doc.templated || !r || r.kind !== 'IstioOperator' || r.group !== 'install.istio.io') continue;
    let value = operatorValues.get(doc.ast);
    if (!value) operatorValues.set(doc.ast, (value = obj(plainValue(r.root, doc.ast))));
    out.push(value);
  }
  return out;
}

/**
 * The meshConfig `istioctl install -f` gives the cluster: that of the workspace's IstioOperator which
 * sets one (identical copies count once). None, or several that differ (which one the cluster runs is
 * unknown), give undefined.
 */
export function operatorMeshConfig(files: readonly ParsedFile[]): Obj | undefined {
  const seen = new Map<string, Obj>();
  for (const f of files)
    for (const iop of istioOperatorsOf(f)) {
      const mesh = obj(obj(iop.spec).meshConfig);
      if (Object.keys(mesh).length) seen.set(JSON.stringify(mesh), mesh);
    }
  return seen.size === 1 ? [...seen.values()][0] : undefined;
}
