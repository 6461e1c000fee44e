// Two Services applied together that ask for the same node port: node ports are allocated cluster-wide,
// whatever the namespace or protocol (pkg/registry/core/service/portallocator), so the API server
// rejects the Service applied second with "spec.ports[i].nodePort: Invalid value: N: provided port is
// already allocated". The later one in apply order (applyOrder) is reported, pointing at the one that
// holds the port. Services applied apart (unrelated directories, other overlays) may go to other
// clusters, and the definitions of one object are alternatives: neither is a conflict.
import { Severity, SOURCE, type EngineDiagnostic } from '../model/diagnostic';
import type { AnalysisContext, WorkspaceResource } from './analyzer';
import { appliedTogether } from './applyUnits';
import { isInstalled } from './installed';
import { isGenerated } from './generated';
import { rootOf } from './placed';
import { friendlyName, rangeAt } from './resource';
import { reportsCode, type ReportFilter } from './reportFilter';
import { arr, num, obj, str } from '../util/json';

export const NODE_PORT_CODE = 'k8s-validation';
const DOCS = 'https://kubernetes.io/docs/concepts/services-networking/service/#nodeport-custom-port';

interface Claim {
  service: WorkspaceResource;
  port: number;
}

/**
 * The node-port conflicts of one placement set, as diagnostics on the `nodePort` of the Service applied
 * second. `services` holds every definition (alternatives too): an object takes its ports when its first
 * definition is applied, and a later one of the same object keeps them.
 */
export function nodePortConflicts(
  ctx: AnalysisContext,
  services: readonly WorkspaceResource[],
  filter: ReportFilter,
): { uri: string; diagnostic: EngineDiagnostic }[] {
  if (!reportsCode(filter, NODE_PORT_CODE)) return [];
  // Per node port, the first claim of each object (its identity), in apply order.
  const byNodePort = new Map<number, Map<string, Claim>>();
  for (const service of [...services].sort(applyOrder)) {
    // What istioctl install or a controller creates is no manifest applied with the others.
    if (isInstalled(service) || isGenerated(service)) continue;
    const spec = obj(service.value.spec);
    if (!['NodePort', 'LoadBalancer'].includes(str(spec.type))) continue;
    const identity = ctx.identity(service);
    arr(spec.ports).forEach((p, port) => {
      const n = num(obj(p).nodePort);
      if (n === undefined || !Number.isInteger(n) || n <= 0) return;
      let claims = byNodePort.get(n);
      if (!claims) byNodePort.set(n, (claims = new Map<string, Claim>()));
      if (!claims.has(identity)) claims.set(identity, { service, port });
    });
  }
  const out: { uri: string; diagnostic: EngineDiagnostic }[] = [];
  for (const [n, byIdentity] of byNodePort) {
    const claims = [...byIdentity.values()];
    claims.forEach((c, i) => {
      const holder = claims.slice(0, i).find((h) => appliedTogether(ctx, h.service, c.service));
      if (holder) out.push(conflict(c, holder, n));
    });
  }
  return out;
}

/**
 * The order objects reach the API server: kubectl applies files by path, documents in file order; a
 * kustomize rendering comes out in kustomize's legacy order, by kind and then namespace and name.
 */
function applyOrder(a: WorkspaceResource, b: WorkspaceResource): number {
  const ra = rootOf(a) ?? '';
  const rb = rootOf(b) ?? '';
  if (ra !== rb) return ra < rb ? -1 : 1;
  if (ra) return compare(`${a.ns}\u0000${a.name}`, `${b.ns}\u0000${b.name}`);
  if (a.file.uri !== b.file.uri) return compare(a.file.uri, b.file.uri);
  return a.doc.start - b.doc.start;
}

const compare = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

function conflict(c: Claim, holder: Claim, n: number): { uri: string; diagnostic: EngineDiagnostic } {
  const at = ['spec', 'ports', c.port, 'nodePort'];
  const r = c.service;
  const diagnostic: EngineDiagnostic = {
    range: rangeAt(r, at),
    severity: Severity.Error,
    code: NODE_PORT_CODE,
    message: `spec.ports[${c.port}].nodePort: Invalid value: ${n}: provided port is already allocated`,
    codeDescription: { href: DOCS },
    source: SOURCE,
    relatedInformation: [
      {
        uri: holder.service.file.uri,
        range: rangeAt(holder.service, ['spec', 'ports', holder.port, 'nodePort']),
        message: `${friendlyName(holder.service)} holds node port ${n} (node ports are unique in the cluster)`,
      },
    ],
    resource: { kind: r.kind, namespace: r.namespace, name: r.name },
  };
  return { uri: r.file.uri, diagnostic };
}
