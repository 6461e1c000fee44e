// The cross-resource references of the graph, and what they resolve to: a VirtualService's gateways,
// destination hosts and subsets, a DestinationRule's host, a workload selector's pods, a Gateway's
// credentialName. Used by navigation (definition, references, hover); resolution follows the analyzers.
import type { PathSegment } from '../parse/nodes';
import type { WorkspaceResource, WorkloadPod } from './analyzer';
import { AnalyzerContext } from './context';
import {
  GATEWAY_API,
  MESH_GATEWAY,
  NETWORKING,
  SECURITY,
  TELEMETRY,
  clusterDomain,
  resourceNameFromHost,
  convertHostToFqdn,
  resolveGatewayName,
  shortOrFullName,
} from './istio';
import { destinationHost, serviceEntryHostMap, type HostTarget } from './hostMap';
import { httpMirrorDestinations, routeDestinations } from './routeDestinations';
import { selectorMatches, stringRecord } from './labels';
import { defaultMeshConfig } from '../mesh';
import type { Workspace } from './workspace';
import { arr, obj, str, valueAt, type Obj } from '../util/json';

export type ReferenceKind = 'gateway' | 'host' | 'subset' | 'selector' | 'credential';

export interface Reference {
  kind: ReferenceKind;
  from: WorkspaceResource;
  /** Path of the referring node inside `from` (the string, or the selector's labels map). */
  path: PathSegment[];
  /** The name as written (for a selector, `k=v,...`). */
  value: string;
  /** For a subset: the destination host it belongs to. */
  host?: string;
}

/** A resolved target: a resource, and the node inside it to land on. */
export interface Target {
  resource: WorkspaceResource;
  path: PathSegment[];
}

/** Kinds whose workload selector is `spec.selector.matchLabels` (security/telemetry/extension policies). */
const SELECTOR_KINDS: Readonly<Record<string, string>> = {
  AuthorizationPolicy: SECURITY,
  RequestAuthentication: SECURITY,
  PeerAuthentication: SECURITY,
  Telemetry: TELEMETRY,
  WasmPlugin: 'extensions.istio.io',
};

/** Every reference a resource makes. */
export function referencesOf(r: WorkspaceResource): Reference[] {
  const out: Reference[] = [];
  const spec = obj(r.value.spec);
  const selector = (labels: Record<string, string>, path: PathSegment[]): void => {
    if (Object.keys(labels).length) out.push({ kind: 'selector', from: r, path, value: labelsText(labels) });
  };
  if (r.group === NETWORKING && r.kind === 'VirtualService') {
    arr(spec.gateways).forEach((g, i) =>
      out.push({ kind: 'gateway', from: r, path: ['spec', 'gateways', i], value: str(g) }),
    );
    for (const d of [...routeDestinations(r), ...httpMirrorDestinations(r)]) {
      const host = str(d.destination.host);
      if (host) out.push({ kind: 'host', from: r, path: [...d.path, 'host'], value: host });
      const subset = str(d.destination.subset);
      if (subset) out.push({ kind: 'subset', from: r, path: [...d.path, 'subset'], value: subset, host });
    }
  } else if (r.group === NETWORKING && r.kind === 'DestinationRule') {
    if (str(spec.host)) out.push({ kind: 'host', from: r, path: ['spec', 'host'], value: str(spec.host) });
  } else if (r.group === NETWORKING && r.kind === 'Sidecar') {
    selector(stringRecord(obj(spec.workloadSelector).labels), ['spec', 'workloadSelector', 'labels']);
  } else if (r.group === NETWORKING && r.kind === 'Gateway') {
    arr(spec.servers).forEach((s, i) => {
      const cn = str(obj(obj(s).tls).credentialName);
      if (cn)
        out.push({
          kind: 'credential',
          from: r,
          path: ['spec', 'servers', i, 'tls', 'credentialName'],
          value: cn,
        });
    });
  } else if (SELECTOR_KINDS[r.kind] === r.group) {
    selector(stringRecord(obj(spec.selector).matchLabels), ['spec', 'selector', 'matchLabels']);
  }
  return out;
}

const labelsText = (l: Record<string, string>): string =>
  Object.entries(l)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

/** Resolves references against one workspace; host lookups are computed once. */
export class Resolver {
  private readonly ctx: AnalyzerContext;
  private hostMap: ReadonlyMap<string, HostTarget> | undefined;

  constructor(
    readonly workspace: Workspace,
    meshConfig: Obj = defaultMeshConfig(),
  ) {
    this.ctx = new AnalyzerContext(workspace, meshConfig);
  }

  resolve(ref: Reference): Target[] {
    switch (ref.kind) {
      case 'gateway':
        return this.gateway(ref);
      case 'host':
        return this.host(ref.from, ref.value);
      case 'subset':
        return this.subset(ref);
      case 'selector':
        return this.selector(ref).map((p) => ({
          resource: p.resource,
          path: [...p.podPath, 'metadata', 'labels'],
        }));
      case 'credential':
        return this.credential(ref);
    }
  }

  private gateway(ref: Reference): Target[] {
    if (ref.value === MESH_GATEWAY) return [];
    const n = resolveGatewayName(ref.from.ns, ref.value);
    const gw =
      this.ctx.find('Gateway', n.ns, n.name, NETWORKING) ??
      this.ctx.find('Gateway', n.ns, n.name, GATEWAY_API);
    return gw ? [{ resource: gw, path: ['metadata', 'name'] }] : [];
  }

  /** The Service or ServiceEntry a host resolves to from `from`'s namespace (respecting exportTo). */
  host(from: WorkspaceResource, host: string): Target[] {
    this.hostMap ??= serviceEntryHostMap(this.ctx);
    const exportTo = arr(obj(from.value.spec).exportTo).map(str);
    const t = destinationHost(from.ns, exportTo, host, this.hostMap, clusterDomain(this.ctx));
    if (!t) return [];
    if (t.resource.kind === 'ServiceEntry') {
      const i = arr(obj(t.resource.value.spec).hosts)
        .map(str)
        .findIndex(
          (h) => h === host || convertHostToFqdn(t.resource.ns, h) === convertHostToFqdn(from.ns, host),
        );
      return [{ resource: t.resource, path: i >= 0 ? ['spec', 'hosts', i] : ['metadata', 'name'] }];
    }
    return [{ resource: t.resource, path: ['metadata', 'name'] }];
  }

  private subset(ref: Reference): Target[] {
    const want = resourceNameFromHost(ref.from.ns, ref.host ?? '');
    const out: Target[] = [];
    for (const dr of this.ctx.resources('DestinationRule', NETWORKING)) {
      const spec = obj(dr.value.spec);
      const have = resourceNameFromHost(dr.ns, convertHostToFqdn(dr.ns, str(spec.host)));
      if (have.ns !== want.ns || have.name !== want.name) continue;
      arr(spec.subsets).forEach((s, i) => {
        if (str(obj(s).name) === ref.value) out.push({ resource: dr, path: ['spec', 'subsets', i, 'name'] });
      });
    }
    return out;
  }

  private selector(ref: Reference): WorkloadPod[] {
    const labels = stringRecord(valueAt(ref.from.value, ...ref.path));
    return this.ctx.pods().filter((p) => p.ns === ref.from.ns && selectorMatches(labels, p.labels));
  }

  private credential(ref: Reference): Target[] {
    // The secret lives with the gateway workload, else (workload not in the workspace) with the Gateway.
    const sel = stringRecord(obj(ref.from.value.spec).selector);
    const ns = this.ctx.pods().find((p) => selectorMatches(sel, p.labels))?.ns ?? ref.from.ns;
    const n = shortOrFullName(ns, ref.value);
    const s = this.ctx.find('Secret', n.ns, n.name, '');
    return s ? [{ resource: s, path: ['metadata', 'name'] }] : [];
  }

  /** Every reference in the workspace that resolves to `target` at `path` (a Service, Gateway or subset). */
  referencesTo(target: WorkspaceResource, path: readonly PathSegment[]): Reference[] {
    const key = (t: Target): string =>
      `${t.resource.file.uri}#${t.resource.doc.index}#${t.resource.basePath.join('.')}#${t.path.join('.')}`;
    const want = key({ resource: target, path: [...path] });
    const out: Reference[] = [];
    for (const r of this.workspace.all) {
      for (const ref of referencesOf(r)) {
        if (ref.kind === 'selector') continue;
        if (this.resolve(ref).some((t) => key(t) === want)) out.push(ref);
      }
    }
    return out;
  }
}
