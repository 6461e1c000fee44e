// MeshConfig.rootNamespace as Istio reads it: one reading for every analyzer.
// - A MeshConfig is Istio's defaults with the given YAML applied (pkg/config/mesh/mesh.go ApplyMeshConfig,
//   protojson): an absent or null field keeps DefaultMeshConfig's `istio-system`, an explicit "" is kept.
// - Nothing downstream turns "" back into istio-system: the analyzers compare namespaces with
//   GetRootNamespace() as is (pkg/config/analysis/analyzers/authz/authorizationpolicies.go meshWidePolicy),
//   istiod's ProxyConfigs skip the root level when it is "" (pilot/pkg/model/proxy_config.go
//   EffectiveProxyConfig). So "" makes no namespace the root. Only the install charts default an empty
//   `meshConfig.rootNamespace` to `global.istioNamespace` (istio-discovery templates/configmap.yaml), in
//   the istio ConfigMap they render: a config taken from that ConfigMap is never empty.
import { defaultMeshConfig } from './defaults';

const DEFAULT_ROOT = defaultMeshConfig().rootNamespace as string;

/** The mesh's root namespace; "" when the MeshConfig sets it empty (then no namespace is the root). */
export function rootNamespaceOf(meshConfig: unknown): string {
  const v =
    typeof meshConfig === 'object' && meshConfig !== null
      ? (meshConfig as Record<string, unknown>).rootNamespace
      : undefined;
  return typeof v === 'string' ? v : DEFAULT_ROOT;
}
