// What exists in a cluster without being in the repository: the objects `istioctl install` creates with
// the default profile (the operator profile bundled in schemas/inject/bundle.json, `operatorProfiles.default`:
// components `pilot` and `ingressGateways: istio-ingressgateway`, namespace istio-system). Their labels and
// ports are the charts' defaults (istio/istio manifests/charts/gateways/istio-ingress/values.yaml:
// status-port 15021, http2 80→8080, https 443→8443, tcp-istiod 15012, tls 15443; istio-discovery's
// Service: 15010, 15012, 443→15017, 15014). Only what analyzers read is modelled: Deployments (their
// pods) and Services. Analyzers see them as ordinary resources; nothing is ever reported on them.
// A workspace object of the same kind, namespace and name replaces its installed twin, and an IstioOperator
// in the workspace decides which components exist and how the ingress gateway is configured: its `label`
// and `values.gateways.istio-ingressgateway.labels` over the chart's labels, and the ports it adds through
// `k8s.service.ports` (a strategic merge keyed by port) or `values.gateways.istio-ingressgateway.ports`
// (several IstioOperators: the union of their ports, so a missing port holds against each).
import { stringify } from 'yaml';
import { parseFile, type ParsedFile } from '../parse/parseFile';
import type { WorkspaceResource } from './analyzer';
import { fileContribution } from './workspace';
import { arr, obj, str } from '../util/json';

/** `default`: the default profile's objects are assumed present; `none`: only the workspace exists. */
export type AssumeInstalled = 'default' | 'none';

export const INSTALLED_URI = 'istio-lens:installed/default-profile.yaml';
const NS = 'istio-system';
const GATEWAY = 'istio-ingressgateway';

interface Component {
  name: string;
  /** IstioOperator component that creates it. */
  component: 'pilot' | 'ingressGateways';
  labels: Record<string, string>;
  /** The Service's ports: `name port[:targetPort]`, comma-separated (targetPort defaults to port). */
  ports: string;
}

const COMPONENTS: readonly Component[] = [
  {
    name: 'istiod',
    component: 'pilot',
    labels: { app: 'istiod', istio: 'pilot' },
    ports: 'grpc-xds 15010, https-dns 15012, https-webhook 443:15017, http-monitoring 15014',
  },
  {
    name: 'istio-ingressgateway',
    component: 'ingressGateways',
    labels: { app: 'istio-ingressgateway', istio: 'ingressgateway' },
    ports: 'status-port 15021, http2 80:8080, https 443:8443, tcp-istiod 15012, tls 15443',
  },
];

interface ServicePort {
  name: string;
  port: number;
  targetPort: number | string;
  protocol: string;
}

function servicePorts(text: string): ServicePort[] {
  return text.split(', ').map((entry) => {
    const [name, ports] = entry.split(' ');
    const [port, targetPort = port] = ports.split(':').map(Number);
    return { name, port, targetPort, protocol: 'TCP' };
  });
}

/** How the workspace's IstioOperators configure a component: labels over the chart's, ports added. */
interface Customization {
  labels: Record<string, string>;
  ports: ServicePort[];
}

/** The ingress gateway's `label`, `k8s.service.ports` and values of one IstioOperator, added to `into`. */
function addCustomization(iop: WorkspaceResource, into: Customization): void {
  const spec = obj(iop.value.spec);
  const gw = arr(obj(spec.components).ingressGateways)
    .map(obj)
    .find((g) => (str(g.name) || GATEWAY) === GATEWAY);
  const values = obj(obj(obj(spec.values).gateways)[GATEWAY]);
  for (const labels of [values.labels, gw?.label])
    for (const [k, v] of Object.entries(obj(labels))) if (typeof v === 'string') into.labels[k] = v;
  for (const p of [...arr(values.ports), ...arr(obj(obj(gw?.k8s).service).ports)].map(obj)) {
    const port = typeof p.port === 'number' ? p.port : Number(str(p.port));
    if (!Number.isInteger(port) || into.ports.some((q) => q.port === port)) continue;
    const target = typeof p.targetPort === 'number' || typeof p.targetPort === 'string' ? p.targetPort : port;
    into.ports.push({ name: str(p.name), port, targetPort: target, protocol: str(p.protocol) || 'TCP' });
  }
}

function manifests(c: Component, skip: ReadonlySet<string>, custom?: Customization): object[] {
  const labels = custom ? { ...c.labels, ...custom.labels } : c.labels;
  const ports = [...servicePorts(c.ports), ...(custom?.ports ?? [])];
  const metadata = { name: c.name, namespace: NS };
  const proxy = c.component === 'pilot' ? 'pilot' : 'proxyv2';
  const out: object[] = [];
  if (!skip.has(`Deployment/${c.name}`))
    out.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata,
      spec: {
        selector: { matchLabels: labels },
        template: {
          metadata: { labels: { ...labels, 'sidecar.istio.io/inject': 'false' } },
          spec: { containers: [{ name: 'istio-proxy', image: `docker.io/istio/${proxy}` }] },
        },
      },
    });
  if (!skip.has(`Service/${c.name}`))
    out.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata,
      spec: { selector: labels, ports },
    });
  return out;
}

const cache = new Map<string, ParsedFile>();

/**
 * The installed objects as one (virtual) file to add to the workspace's files, or none: minus what the
 * workspace defines itself (same kind, namespace and name) and the components its IstioOperator disables.
 */
export function installedFiles(files: readonly ParsedFile[], mode: AssumeInstalled): ParsedFile[] {
  if (mode === 'none') return [];
  const skip = new Set<string>();
  const disabled = new Set<string>();
  const gateway: Customization = { labels: {}, ports: [] };
  for (const f of files)
    for (const r of fileContribution(f)) {
      if (r.ns === NS || r.namespace === NS) skip.add(`${r.kind}/${r.name}`);
      if (r.kind !== 'IstioOperator') continue;
      for (const c of disabledComponents(r)) disabled.add(c);
      addCustomization(r, gateway);
    }
  const docs = COMPONENTS.filter((c) => !disabled.has(c.name)).flatMap((c) =>
    manifests(c, skip, c.name === GATEWAY ? gateway : undefined),
  );
  if (!docs.length) return [];
  const text = docs.map((d) => stringify(d)).join('---\n');
  let file = cache.get(text);
  if (!file) cache.set(text, (file = parseFile(INSTALLED_URI, text)));
  return [file];
}

/** Components an IstioOperator leaves out: a profile without them, or `enabled: false`. */
function disabledComponents(iop: WorkspaceResource): string[] {
  const spec = obj(iop.value.spec);
  const profile = str(spec.profile) || 'default';
  const out: string[] = [];
  const gatewayless = ['empty', 'minimal', 'remote', 'ambient'].includes(profile);
  if (profile === 'empty' || profile === 'remote') out.push('istiod');
  const components = obj(spec.components);
  if (obj(components.pilot).enabled === false) out.push('istiod');
  const ingress = arr(components.ingressGateways).map(obj);
  const gw = ingress.find((g) => (str(g.name) || GATEWAY) === GATEWAY);
  if (gw ? gw.enabled === false : gatewayless) out.push(GATEWAY);
  return out;
}

/** A resource of the assumed installation (never reported on). */
export const isInstalled = (r: WorkspaceResource): boolean => r.file.uri === INSTALLED_URI;
