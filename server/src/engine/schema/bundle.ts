// The shape of the generated bundle (schemas/index.json and the definition files it points at).
// See scripts/generate-schemas.mjs and schemas/README.md.

export interface KindEntry {
  group: string;
  version: string;
  kind: string;
  /**
   * Where the schema comes from. `istioctl` and `kustomize`: a document a client tool reads, never the API
   * server (IstioOperator, the input of `istioctl install -f`; a kustomization, `kustomize build`'s): no
   * CRD, no CEL, no API-server checks, and its schema nodes are read as Go's encoding/json reads them
   * (`SchemaNode.goJson`).
   */
  source: 'istio' | 'gateway-api' | 'kubernetes' | 'istioctl' | 'kustomize';
  served: boolean;
  /** The version to suggest: a CRD's storage version; Kubernetes' highest-ranked served version. */
  preferred: boolean;
  /** CRDs only: the storage version. */
  storage?: boolean;
  deprecated: boolean;
  deprecationWarning?: string;
  scope?: 'Namespaced' | 'Cluster';
  /** `<file>#<definition>`: the root schema of the kind at this version. */
  schema: string;
}

/** A CRD's schema (Istio's, Gateway API's): the API server validates its metadata, and its CEL rules apply. */
export const fromCrd = (e: KindEntry): boolean => e.source === 'istio' || e.source === 'gateway-api';

/** A client tool's input (istioctl's, kustomize's): no API group serves it. */
export const clientInput = (e: KindEntry): boolean => e.source === 'istioctl' || e.source === 'kustomize';

/** Where a kind's schema comes from, as hover says it. */
export const SOURCE_NAMES: Readonly<Record<KindEntry['source'], string>> = {
  kubernetes: 'Kubernetes 1.35',
  istio: 'the Istio CRDs',
  'gateway-api': 'the Gateway API CRDs',
  istioctl: "istioctl's install input",
  kustomize: "kustomize's kustomization file",
};

export interface BundleIndex {
  kinds: KindEntry[];
}

/** A definition file: `{ definitions: { name: rawSchema } }`. */
export interface BundleFile {
  definitions: Record<string, RawSchema>;
}

/** JSON Schema (OpenAPI v3 subset) as stored; refs are `#name` or `<file>#name`. */
export type RawSchema = { [keyword: string]: unknown };

/** Reads one bundle file by id (e.g. `crds/networking.istio.io`); undefined when missing. Supplied by a front end. */
export type BundleLoader = (fileId: string) => BundleFile | undefined;

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}
