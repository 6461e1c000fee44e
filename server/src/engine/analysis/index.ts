// Public entry points of workspace analysis.
export type { Analyzer, AnalyzerMeta, AnalysisContext, WorkspaceResource, WorkloadPod } from './analyzer';
export {
  analyzeWorkspace,
  analyzeWorkspaceModel,
  toDiagnostic,
  spanAt,
  REASSESSED,
  istDocsUrl,
  type AnalyzeOptions,
  type LocatedDiagnostic,
} from './runAnalyzers';
export { buildWorkspace, fileContribution, Workspace, POD_TEMPLATE_PATHS } from './workspace';
export { applyMeshConfig, defaultMeshConfig, defaultProxyConfig } from '../mesh';
export { fqdn, serviceFqdn, hostMatches, hostSubsetOf, DEFAULT_DOMAIN_SUFFIX } from './hosts';
export { selectorMatches, labelSelectorMatches, stringRecord } from './labels';
export { goFormat, goQuote } from '../util/goFormat';
export { MESSAGES } from './messages.gen';
export type { IstMessage } from './istMessage';
export { SUPPRESS_ANNOTATION } from './suppression';
export {
  installedFiles,
  isAssumedDefault,
  isInstalled,
  INSTALLED_URI,
  type AssumeInstalled,
} from './installed';
export { IncrementalAnalysis, type IncrementalResult } from './incremental';
export { renderedResources, kustomizeAdjusted, KUSTOMIZE_NOTE, type RenderedWorkspace } from './rendered';
