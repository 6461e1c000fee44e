// The extension providers (MeshConfig.extensionProviders) a workspace shows, for the names an
// AuthorizationPolicy's CUSTOM `provider` and a Telemetry's `providers` give. istiod resolves those names
// against its mesh config: a CUSTOM policy naming no provider denies every request it covers
// (default-deny-all-due-to-bad-CUSTOM-action), a Telemetry's unknown provider is skipped (no logs, traces or
// metrics). The mesh config a repository shows is seldom the cluster's whole one (providers added with
// `istioctl install --set` or by editing the `istio` ConfigMap, as Istio's ext-authz task does), so a name
// is proven wrong only by a slip from a provider the workspace defines, never by its absence.
import type { AnalysisContext, WorkspaceResource } from '../../analysis/analyzer';
import { parseMeshConfigText } from '../../parse/meshConfigText';
import { nearMissName } from '../../analysis/nearMiss';
import { arr, obj, str, type Obj } from '../../util/json';

/**
 * The providers' names: the analyzers' mesh config's (Istio's defaults `prometheus`, `stackdriver`, `envoy`,
 * and what is configured or installed), and those of every IstioOperator and istiod ConfigMap of the
 * workspace, also where several disagree (alternatives, revisions): each may be the cluster's.
 */
export function extensionProviderNames(ctx: AnalysisContext): Set<string> {
  const meshes: unknown[] = [ctx.meshConfig];
  for (const iop of ctx.resources('IstioOperator', 'install.istio.io'))
    meshes.push(obj(obj(iop.value.spec).meshConfig));
  for (const cm of ctx.resources('ConfigMap', ''))
    if (cm.name.startsWith('istio')) meshes.push(configMapMesh(cm));
  return new Set(meshes.flatMap((m) => arr(obj(m).extensionProviders).map((p) => str(obj(p).name))));
}

/** `name` is no provider of `known`, but one slip from one that is not a numbered sibling (names that differ in digits only). */
export function misspeltProvider(name: string, known: ReadonlySet<string>): boolean {
  if (name === '' || known.has(name)) return false;
  return nearMissName(name, known);
}

const meshes = new WeakMap<Obj, Obj>();

/** The MeshConfig under a ConfigMap's `data.mesh` (istiod's source), read once per resource value. */
function configMapMesh(cm: WorkspaceResource): Obj {
  let mesh = meshes.get(cm.value);
  if (!mesh) {
    const text = str(obj(cm.value.data).mesh);
    const parsed = text ? parseMeshConfigText(text) : undefined;
    mesh = parsed && 'overlay' in parsed ? parsed.overlay : {};
    meshes.set(cm.value, mesh);
  }
  return mesh;
}
