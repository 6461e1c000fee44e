// The mesh config istiod reads (pilot/pkg/bootstrap/meshcfg.go): the `mesh` key of the ConfigMap named `istio`
// in its namespace, layered on Istio's defaults. A workspace holding that ConfigMap (istiod's rendered
// manifests, a GitOps copy) shows the cluster's mesh config, as an IstioOperator's `meshConfig` does.
import type { Document } from 'yaml';
import type { ParsedFile } from '../parse/parseFile';
import { parseMeshConfigText } from '../parse/meshConfigText';
import { plainValue } from '../parse/plainValue';
import { obj, str, type Obj } from '../util/json';

const MESH_CONFIGMAP = 'istio';

/**
 * The mesh config of the workspace's `istio` ConfigMaps (identical copies count once); none, several that
 * differ (revisions, clusters), or one whose `mesh` is no MeshConfig mapping give undefined.
 */
export function configMapMeshConfig(files: readonly ParsedFile[]): Obj | undefined {
  const seen = new Map<string, Obj>();
  for (const f of files)
    for (const doc of f.docs) {
      const r = doc.resource;
      if (doc.templated || !r || r.kind !== 'ConfigMap' || r.group !== '' || r.name !== MESH_CONFIGMAP)
        continue;
      const mesh = meshOf(r.root, doc.ast);
      if (mesh === null) continue;
      if (mesh === 'invalid') return undefined;
      seen.set(JSON.stringify(mesh), mesh);
    }
  return seen.size === 1 ? [...seen.values()][0] : undefined;
}

const meshes = new WeakMap<Document, Obj | 'invalid' | null>();

/** The MeshConfig of a ConfigMap's `mesh` key (null without one), read once per parse of its document. */
function meshOf(root: unknown, doc: Document): Obj | 'invalid' | null {
  let mesh = meshes.get(doc);
  if (mesh === undefined) {
    const text = str(obj(obj(plainValue(root, doc)).data).mesh);
    const parsed = text ? parseMeshConfigText(text) : null;
    mesh = parsed === null ? null : 'error' in parsed ? 'invalid' : parsed.overlay;
    meshes.set(doc, mesh);
  }
  return mesh;
}
