// Sidecar injection engine (pure): settings → inject/uninject a parsed file.
export type { InjectBundle, InjectSettings, InjectorConfig } from './bundle';
export { buildSettings, InjectSettingsError, type SettingsInput, type NativeSidecarMode } from './settings';
export {
  injectFile,
  injectObject,
  skipReason,
  stringifyDoc,
  type InjectFileResult,
  type DocResult,
  type InjectFailure,
} from './inject';
export { InjectError, injectPod } from './injectPod';
export { InjectValidationError } from './validate';
export { uninjectFile, uninjectObject } from './uninject';
export {
  describeInjection,
  enableInjectionEdit,
  injectEdit,
  isInjectable,
  uninjectEdit,
  type EditResult,
  type InjectionStatus,
  type NamespaceLabels,
  type TextEdit,
} from './edits';
export { enableNamespaceInjectionEdit, isNamespace, type NamespaceInjectionMode } from './namespaceEdit';
