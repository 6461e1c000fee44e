// Object metadata (k8s.io/apimachinery/pkg/api/validation/objectmeta.go: ValidateObjectMeta,
// ValidateAnnotations, ValidateAnnotationsSize) and labels and selectors
// (k8s.io/apimachinery/pkg/apis/meta/v1/validation: ValidateLabels, ValidateLabelSelector).
import type { ErrorList } from './field';
import { byteLen, isDNS1123Label, isQualifiedName, isValidLabelValue } from './names';
import type { V } from './value';
import { labelSelectorMatches } from '../util/labels';

export type NameFn = (name: string) => string[];

/** The quick fix that removes what a cluster set on an exported object (apiserver/fixes.ts). */
export const CLUSTER_SET_FIX = 'k8s-cluster-set-fields';

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

/** ValidateObjectMeta for a create; `namespaced` says whether the kind lives in a namespace. */
export function validateObjectMeta(
  errs: ErrorList,
  meta: V,
  nameFn: NameFn,
  namespaced: boolean,
  fix?: (n: string) => string | undefined,
): void {
  const name = meta.child('name');
  const n = name.str();
  if (n === undefined || n === '') {
    if (!meta.child('generateName').str()) errs.required(name, 'name or generateName is required');
  } else {
    const msgs = nameFn(n);
    const suggestion = msgs.length && fix ? fix(n) : undefined;
    for (const m of msgs) errs.invalid(name, n, m, suggestion ? { replacements: [suggestion] } : undefined);
  }
  const ns = meta.child('namespace');
  const nsv = ns.str();
  if (namespaced && nsv) errs.invalidAll(ns, nsv, isDNS1123Label(nsv));
  validateLabels(errs, meta.child('labels'));
  validateAnnotations(errs, meta.child('annotations'));
  validateNoResourceVersion(errs, meta.child('resourceVersion'));
}

/**
 * An object exported from a cluster (`kubectl get -o yaml`) keeps its resourceVersion. The storage refuses
 * to create an object that has one, and on an update it is a precondition, which any later version of the
 * object fails (a Conflict): the apply fails either way. "0" means none.
 */
function validateNoResourceVersion(errs: ErrorList, rv: V): void {
  const v = rv.str();
  if (!v || v === '0') return;
  errs.refused(
    rv,
    `resourceVersion should not be set on objects to be created (metadata.resourceVersion: ${v}, kept from an object read from a cluster; on an update it must match the object's current version, which it no longer does once the object changes): remove it`,
    { fix: CLUSTER_SET_FIX },
  );
}

/** ValidateLabels: each key a qualified name, each value a label value. */
export function validateLabels(errs: ErrorList, labels: V): void {
  for (const { key, value } of labels.entries()) {
    errs.invalidAll(labels.pointAt(value.keyNode), key, isQualifiedName(key));
    const s = value.str();
    if (s !== undefined) errs.invalidAll(labels.pointAt(value.node), s, isValidLabelValue(s));
  }
}

/** ValidateAnnotations: keys are qualified names (case-insensitive); the total size is bounded. */
export function validateAnnotations(errs: ErrorList, annotations: V): void {
  let total = 0;
  for (const { key, value } of annotations.entries()) {
    errs.invalidAll(annotations.pointAt(value.keyNode), key, isQualifiedName(key.toLowerCase()));
    total += byteLen(key) + byteLen(value.s());
  }
  if (total > TOTAL_ANNOTATION_SIZE_LIMIT) errs.tooLong(annotations, TOTAL_ANNOTATION_SIZE_LIMIT);
}

/** ValidateLabelSelector (metav1). */
export function validateLabelSelector(errs: ErrorList, sel: V): void {
  sel
    .child('matchExpressions')
    .items()
    .forEach((req) => {
      const op = req.child('operator');
      const values = req.child('values');
      const n = values.items().length;
      switch (op.str()) {
        case 'In':
        case 'NotIn':
          if (n === 0) errs.required(values, "must be specified when `operator` is 'In' or 'NotIn'");
          break;
        case 'Exists':
        case 'DoesNotExist':
          if (n > 0)
            errs.forbidden(values, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
          break;
        case undefined:
          break;
        default:
          errs.invalid(op, op.str(), 'not a valid selector operator');
      }
      const key = req.child('key');
      const k = key.str();
      if (k !== undefined) errs.invalidAll(key, k, isQualifiedName(k));
    });
  validateLabels(errs, sel.child('matchLabels'));
}

/** metav1.LabelSelectorAsSelector(...).Matches(labels). */
export function selectorMatches(sel: V, labels: Record<string, string>): boolean {
  return labelSelectorMatches(sel.json(), labels);
}

/** The selector has no requirement at all (selects everything, or for workloads: invalid). */
export function selectorEmpty(sel: V): boolean {
  return (
    sel.child('matchLabels').entries().length === 0 && sel.child('matchExpressions').items().length === 0
  );
}

/** metav1.LabelSelectorAsSelector succeeds: operators known, In/NotIn with values, Exists without. */
export function selectorConvertible(sel: V): boolean {
  return sel
    .child('matchExpressions')
    .items()
    .every((req) => {
      const n = req.child('values').items().length;
      switch (req.child('operator').str()) {
        case 'In':
        case 'NotIn':
          return n > 0;
        case 'Exists':
        case 'DoesNotExist':
          return n === 0;
        default:
          return false;
      }
    });
}
