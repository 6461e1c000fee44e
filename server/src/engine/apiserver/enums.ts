// The value sets of built-in enum fields, from the generated table of Kubernetes' `+enum` Go types
// (enums.gen.ts). k8s-validation is their one reporter: the schema layer adds no enum of its own for
// these fields, so a wrong value is reported once, in the API server's words.
import { K8S_ENUMS } from './enums.gen';

export type K8sEnumType = keyof typeof K8S_ENUMS;

/** The type's values in Go declaration order (the order of validation lists that spell them out). */
export function enumValues(type: K8sEnumType): readonly string[] {
  return K8S_ENUMS[type].values;
}

/** The type's values sorted, as validation's `sets.List(...)` of them lists them. */
export function sortedEnumValues(type: K8sEnumType): readonly string[] {
  return [...K8S_ENUMS[type].values].sort();
}
