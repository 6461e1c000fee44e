// References kustomize's namePrefix/nameSuffix left naming the old name (its name-reference rules rewrite
// neither Istio hosts nor gateway references): the object renamed, and the hint that says so.
import type { AnalysisContext, ReportHint, WorkspaceResource } from './analyzer';
import type { NameChange } from '../kustomize';
import { rootOf, vacatedNames } from './placed';
import { NETWORKING } from './groups';
import { clusterDomain, serviceOfHost } from './istio';

/**
 * The Service of `from`'s kustomize rendering that a cluster host names by a name kustomize's
 * namePrefix/nameSuffix renamed it from, where nothing else of the workspace could answer to that name
 * (rendered.ts, PlacedResource.vacated). kustomize renames only the references its name-reference rules
 * know (kustomize/names.ts): Istio hosts are none, so `kustomize build` leaves the host naming a Service
 * the rendering no longer has, and istioctl analyze of its output reports it.
 */
export function renamedService(
  ctx: AnalysisContext,
  host: string,
  from: WorkspaceResource,
): { service: WorkspaceResource; change: NameChange } | undefined {
  const svc = host.includes('*') ? undefined : serviceOfHost(host, from.ns, clusterDomain(ctx));
  if (!svc) return undefined;
  const { name, ns } = svc;
  const found = renamedFrom(ctx, 'Service', '', ns, name, from);
  return found && { service: found.resource, change: found.change };
}

/**
 * The object of `kind` in `ns` of `from`'s kustomize rendering that kustomize's namePrefix/nameSuffix
 * renamed from `name`, where nothing else of the workspace answers to that name (PlacedResource.vacated).
 */
function renamedFrom(
  ctx: AnalysisContext,
  kind: string,
  group: string,
  ns: string,
  name: string,
  from: WorkspaceResource,
): { resource: WorkspaceResource; change: NameChange } | undefined {
  const root = rootOf(from);
  if (!root) return undefined;
  for (const resource of ctx.resourcesIn(kind, ns, group)) {
    if (rootOf(resource) !== root) continue;
    const change = vacatedNames(resource).find((c) => c.from === name);
    if (change) return { resource, change };
  }
  return undefined;
}

/** The hint of a host renamedService proves missing: the Service kustomize renamed, and by what. */
export function renamedServiceHint(
  ctx: AnalysisContext,
  host: string,
  from: WorkspaceResource,
  refs = 'Istio hosts',
): ReportHint | undefined {
  const found = renamedService(ctx, host, from);
  return found && renameHint('Service', found.service, found.change, from, refs);
}

/**
 * The hint of a gateway reference left naming the Gateway `ns/name` kustomize renamed: its built-in
 * name-reference rules rewrite neither a VirtualService's gateways nor a Gateway API route's parentRefs
 * (a configurations file can). `group`: the Istio Gateway's, or the Gateway API's for a parentRef.
 */
export function renamedGatewayHint(
  ctx: AnalysisContext,
  gw: { ns: string; name: string },
  from: WorkspaceResource,
  group = NETWORKING,
): ReportHint | undefined {
  const found = renamedFrom(ctx, 'Gateway', group, gw.ns, gw.name, from);
  const refs = group === NETWORKING ? 'VirtualService gateways' : `${from.kind} parentRefs`;
  return found && renameHint('Gateway', found.resource, found.change, from, refs);
}

function renameHint(
  kind: string,
  resource: WorkspaceResource,
  change: NameChange,
  from: WorkspaceResource,
  refs: string,
): ReportHint {
  const by = [
    change.prefix && `namePrefix ${JSON.stringify(change.prefix)}`,
    change.suffix && `nameSuffix ${JSON.stringify(change.suffix)}`,
  ]
    .filter(Boolean)
    .join(' and ');
  return {
    text: `kustomize's ${by} renamed ${kind} ${change.from} to ${change.to}; it does not rewrite ${refs}`,
    related: [
      {
        resource,
        at: ['metadata', 'name'],
        message: `${kind} ${change.from}, renamed ${change.to} by ${shortPath(from.file.uri, change.kustomization)}`,
      },
    ],
  };
}

/** `to` without the directories it shares with `from` (`overlays/prod/kustomization.yaml`). */
function shortPath(from: string, to: string): string {
  const a = from.split('/');
  const b = to.split('/');
  let i = 0;
  while (i < a.length - 1 && i < b.length - 1 && a[i] === b[i]) i++;
  return b.slice(i).join('/');
}
