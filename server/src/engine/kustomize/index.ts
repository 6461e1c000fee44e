// Kustomize, read as kustomize reads it: pure functions over documents the front ends parsed.
export {
  isKustomizationUri,
  readKustomization,
  KUSTOMIZATION_FILE_NAMES,
  type Kustomization,
} from './kustomization';
export {
  renderKustomizations,
  type RenderInput,
  type RenderResult,
  type RenderedDoc,
  type AppliedPatch,
  type NameChange,
  type SourceDoc,
} from './render';
export { helmChartNamespaces } from './helmCharts';
export { remoteBaseNamespaces } from './remoteBases';
export { strategicMerge, jsonPatch } from './merge';
export { isClusterScoped } from './transformers';
export { resolvePath, dirOf } from './paths';
