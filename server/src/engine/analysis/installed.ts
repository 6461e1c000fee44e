// What exists in a cluster without being in the repository: the objects `istioctl install` creates, as
// the workspace's IstioOperators configure it (`istioOperator.ts`), or with the default profile when the
// workspace holds none: istiod and the istio-ingressgateway in istio-system, with the charts' labels and
// ports (status-port 15021, http2 80→8080, https 443→8443, tcp-istiod 15012, tls 15443). Only what
// analyzers read is modelled: Deployments (their pods) and Services. Analyzers see them as ordinary
// resources; nothing is ever reported on them. A workspace object of the same kind, namespace and name
// replaces its installed twin. Several IstioOperators (a control plane and a gateway install, or versions
// of one install): what any of them creates, one gateway of a namespace and name taking the union of its
// ports (a port and its target: versions may map one Service port to different gateway ports), so a
// missing port holds against each. The gateways an IstioOperator replaces (its own gateway list
// disables or leaves out the profile's) are kept with the file (`replacedGatewayLabels`): labels that no
// gateway carries because the workspace's install took them away.
import { stringify } from 'yaml';
import { parseFile, type ParsedFile } from '../parse/parseFile';
import type { WorkspaceResource } from './analyzer';
import { fileContribution } from './workspace';
import {
  istioOperatorsOf,
  operatorComponents,
  replacedGateways,
  type InstalledComponent,
} from './istioOperator';
import type { Obj } from '../util/json';

/** `default`: the default profile's objects are assumed present; `none`: only the workspace exists. */
export type AssumeInstalled = 'default' | 'none';

export const INSTALLED_URI = 'istio-lens:installed/default-profile.yaml';

function manifests(c: InstalledComponent, skip: ReadonlySet<string>): object[] {
  const metadata = { name: c.name, namespace: c.namespace };
  const out: object[] = [];
  if (!skip.has(`Deployment/${c.namespace}/${c.name}`))
    out.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata,
      spec: {
        selector: { matchLabels: c.labels },
        template: {
          metadata: { labels: { ...c.labels, 'sidecar.istio.io/inject': 'false' } },
          spec: { containers: [{ name: 'istio-proxy', image: `docker.io/istio/${c.image}` }] },
        },
      },
    });
  if (!skip.has(`Service/${c.namespace}/${c.name}`))
    out.push({ apiVersion: 'v1', kind: 'Service', metadata, spec: { selector: c.labels, ports: c.ports } });
  return out;
}

/** What the IstioOperators create (the default profile without one); one object per namespace and name. */
function installedComponents(iops: readonly Obj[]): InstalledComponent[] {
  const byId = new Map<string, InstalledComponent>();
  for (const c of iops.length
    ? iops.flatMap((iop) => operatorComponents(iop))
    : operatorComponents(undefined)) {
    const id = `${c.namespace}/${c.name}`;
    const seen = byId.get(id);
    if (!seen) byId.set(id, { ...c, ports: [...c.ports] });
    else {
      // A port is kept per target: two installs may send one Service port to different gateway ports.
      for (const p of c.ports)
        if (!seen.ports.some((q) => q.port === p.port && String(q.targetPort) === String(p.targetPort)))
          seen.ports.push(p);
      seen.assumed &&= c.assumed;
    }
  }
  return [...byId.values()];
}

const cache = new Map<string, ParsedFile>();
/** Per installed file, its objects (`Kind/namespace/name`) rendered from the default profile alone. */
const fromProfile = new WeakMap<ParsedFile, ReadonlySet<string>>();

/**
 * The installed objects as one (virtual) file to add to the workspace's files, or none: minus what the
 * workspace defines itself (same kind, namespace and name).
 */
export function installedFiles(files: readonly ParsedFile[], mode: AssumeInstalled): ParsedFile[] {
  if (mode === 'none') return [];
  const skip = new Set<string>();
  const iops: Obj[] = [];
  for (const f of files) {
    for (const r of fileContribution(f)) {
      // Only the installed kinds are looked up: two keys per resource of a large file were 20-50 ms.
      if (r.kind !== 'Deployment' && r.kind !== 'Service') continue;
      skip.add(`${r.kind}/${r.ns}/${r.name}`);
      if (r.namespace !== null) skip.add(`${r.kind}/${r.namespace}/${r.name}`);
    }
    iops.push(...istioOperatorsOf(f));
  }
  const components = installedComponents(iops);
  const docs = components.flatMap((c) => manifests(c, skip));
  if (!docs.length) return [];
  const text = docs.map((d) => stringify(d)).join('---\n');
  const assumed = components
    .filter((c) => c.assumed)
    .flatMap((c) => ['Deployment', 'Service'].map((kind) => `${kind}/${c.namespace}/${c.name}`));
  const replaced = iops.flatMap(replacedGateways);
  const key = `${assumed.join(',')}\n${JSON.stringify(replaced)}\n${text}`;
  let file = cache.get(key);
  if (!file) {
    cache.set(key, (file = parseFile(INSTALLED_URI, text)));
    fromProfile.set(file, new Set(assumed));
    replacedBy.set(file, replaced);
  }
  return [file];
}

const replacedBy = new WeakMap<ParsedFile, readonly Readonly<Record<string, string>>[]>();

/**
 * The labels of the gateways the workspace's IstioOperators replace (`replacedGateways`), kept with the
 * installed file: what a selector of those labels would have selected is not installed by them.
 */
export const replacedGatewayLabels = (installed: ParsedFile): readonly Readonly<Record<string, string>>[] =>
  replacedBy.get(installed) ?? [];

/** A resource of the assumed installation (never reported on). */
export const isInstalled = (r: WorkspaceResource): boolean => r.file.uri === INSTALLED_URI;

/**
 * A resource only assumed: the default profile's, with no IstioOperator of the workspace rendering it
 * otherwise (none, or only ones that name no profile and leave the component unset, such as a demo's
 * meshConfig-only IstioOperator). It proves what exists, never what is absent: the cluster may run another
 * profile (demo's gateway Service also opens 31400), so a detail missing from it is not a proven mistake.
 */
export const isAssumedDefault = (r: WorkspaceResource): boolean =>
  fromProfile.get(r.file)?.has(`${r.kind}/${r.ns}/${r.name}`) ?? false;
