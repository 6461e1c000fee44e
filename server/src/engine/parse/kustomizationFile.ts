// kustomize reads a directory's kustomization from one of three file names (konfig's
// RecognizedKustomizationFileNames) and decodes it into one Go struct whatever its header says:
// a missing kind is Kustomization and a missing apiVersion the kind's (types.Kustomization's
// FixKustomization), so a kustomization without `apiVersion` or `kind`, or without either, is valid.

export const KUSTOMIZATION_FILE_NAMES: ReadonlySet<string> = new Set([
  'kustomization.yaml',
  'kustomization.yml',
  'Kustomization',
]);

export const isKustomizationUri = (uri: string): boolean =>
  KUSTOMIZATION_FILE_NAMES.has(uri.slice(uri.lastIndexOf('/') + 1));

/**
 * The files a workspace's manifests are read from: YAML files, and a kustomization under any of the names
 * kustomize reads (`Kustomization` has no extension: a folder walk for `*.yaml` alone misses it, and the
 * bases and overlays it lists).
 */
export const isManifestFileName = (name: string): boolean =>
  /\.ya?ml$/i.test(name) || KUSTOMIZATION_FILE_NAMES.has(name);

/** Directories a folder walk does not enter: dependencies and version control, never manifests of the repo. */
export const isSkippedDirName = (name: string): boolean => name === 'node_modules' || name === '.git';

/** The header kustomize reads a kustomization with: absent (or empty) fields filled as FixKustomization does. */
export function fixKustomizationHeader(
  apiVersion: string | undefined,
  kind: string | undefined,
): { apiVersion: string; kind: string } {
  const k = kind || 'Kustomization';
  return {
    kind: k,
    apiVersion:
      apiVersion ||
      (k === 'Component' ? 'kustomize.config.k8s.io/v1alpha1' : 'kustomize.config.k8s.io/v1beta1'),
  };
}
