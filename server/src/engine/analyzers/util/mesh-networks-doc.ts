// Istio analyzes a MeshNetworks file (the `networks:` YAML of the istio ConfigMap's meshNetworks, or
// `istioctl analyze --meshNetworksFile`) as the resource `MeshNetworks istio-system/meshnetworks`.
// This wraps such a file into that resource's document, for a front end or test to parse.
export function meshNetworksDocument(networksYaml: string): string {
  const body = networksYaml.replace(/^\uFEFF/, '').replace(/^---[^\n]*\n/, '');
  const indented = body
    .split('\n')
    .map((l) => (l.length ? `  ${l}` : l))
    .join('\n');
  return `apiVersion: install.istio.io/v1alpha1\nkind: MeshNetworks\nmetadata:\n  name: meshnetworks\n  namespace: istio-system\nspec:\n${indented}\n`;
}
