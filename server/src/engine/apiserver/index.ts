// The API server's validation of built-in kinds, offline: what `kubectl apply` (server side) rejects
// beyond the OpenAPI schema. `validateResource` returns Kubernetes' field.ErrorList for one
// document; the rule k8s-validation reports it. Only served versions are validated here: removed
// versions are unserved-version / kind-wrong-group findings.
import type { Document } from 'yaml';
import type { ResourceHeader } from '../parse/parseFile';
import { ErrorList, type FieldError } from './field';
import { type Features, featuresOf } from './features';
import { type NameFn, validateObjectMeta } from './meta';
import { isDNS1035Label, isDNS1123Label, isDNS1123Subdomain, maxLenError, pathSegmentName } from './names';
import { validateBinding, validateRules } from './rbac';
import { validatePodSpec, validatePodTemplateSpec } from './pod';
import type { PodContext } from './podContext';
import { validateServiceSpec } from './service';
import { validateConfigMap, validatePVCSpec, validateSecret } from './config';
import { validateIngressSpec, validateNetworkPolicySpec } from './networking';
import { validateHPASpec, validatePDBSpec } from './policy';
import {
  validateCronJobSpec,
  validateDaemonSet,
  validateDeployment,
  validateJobSpec,
  validateReplicaSet,
  validateStatefulSet,
} from './workloads';
import { V } from './value';

export { errorText, type FieldError } from './field';

/** The certain fix of an invalid name: lower-cased, other characters as '-'. */
function nameFix(check: NameFn, dots: boolean): (n: string) => string | undefined {
  return (n) => {
    const s = n
      .toLowerCase()
      .replace(dots ? /[^-a-z0-9.]/g : /[^-a-z0-9]/g, '-')
      .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
    return s && s !== n && check(s).length === 0 ? s : undefined;
  };
}

type Validator = (c: PodContext, root: V, f: Features) => void;

interface KindRule {
  name: (f: Features) => NameFn;
  namespaced: boolean;
  validate?: Validator;
}

const subdomain = () => isDNS1123Subdomain;
/** Names that only have to be usable in a URL path (HPA; RBAC's minimalNameRequirements). */
const segmentName = () => pathSegmentName;
/** ValidateServiceName: a DNS-1035 label, or an RFC 1123 label with RelaxedServiceNameValidation. */
const serviceNameFn = (f: Features): NameFn =>
  f.enabled('RelaxedServiceNameValidation') ? isDNS1123Label : isDNS1035Label;
const spec =
  (fn: (c: PodContext, spec: V) => void): Validator =>
  (c, root) => {
    const s = root.child('spec');
    if (s.isMap) fn(c, s);
  };

/** A namespaced kind (named as a DNS subdomain unless `name` says otherwise). */
const namespaced = (validate?: Validator, name: KindRule['name'] = subdomain): KindRule => ({
  name,
  namespaced: true,
  validate,
});
/** A kind without a namespace. */
const clusterScoped = (validate?: Validator, name: KindRule['name'] = subdomain): KindRule => ({
  name,
  namespaced: false,
  validate,
});
/** An RBAC validator of the whole object, for the namespaced or the cluster-wide kind. */
const rbac =
  (fn: (errs: ErrorList, root: V, namespaced: boolean) => void, namespaced: boolean): Validator =>
  (c, root) =>
    fn(c.errs, root, namespaced);
/** A spec validator that needs only the error list. */
const specErrors = (fn: (errs: ErrorList, spec: V) => void): Validator => spec((c, s) => fn(c.errs, s));

/** CronJob names: the controller appends an 11-character suffix to name the Jobs (DNS-1035 limit minus 11). */
const cronJobName: NameFn = (n) => {
  const msgs = isDNS1123Subdomain(n);
  return msgs.length ? msgs : n.length > 52 ? [maxLenError(52)] : [];
};

const KINDS: Record<string, KindRule> = {
  'v1/Pod': namespaced(spec(validatePodSpec)),
  'v1/Service': namespaced(specErrors(validateServiceSpec), serviceNameFn),
  'v1/Namespace': clusterScoped(undefined, () => isDNS1123Label),
  'v1/ConfigMap': namespaced((c, root) => validateConfigMap(c.errs, root)),
  'v1/Secret': namespaced((c, root) => validateSecret(c.errs, root)),
  'v1/ServiceAccount': namespaced(),
  'v1/PersistentVolumeClaim': namespaced(specErrors(validatePVCSpec)),
  'v1/PodTemplate': namespaced((c, root) => validatePodTemplateSpec(c, root.child('template'))),
  'v1/ReplicationController': namespaced(
    spec((c, s) => {
      const t = s.child('template');
      if (t.isMap) validatePodTemplateSpec(c, t);
    }),
  ),
  'apps/v1/Deployment': namespaced(spec(validateDeployment)),
  'apps/v1/StatefulSet': namespaced(spec(validateStatefulSet)),
  'apps/v1/DaemonSet': namespaced(spec(validateDaemonSet)),
  'apps/v1/ReplicaSet': namespaced(spec(validateReplicaSet)),
  'batch/v1/Job': namespaced(spec(validateJobSpec)),
  'batch/v1/CronJob': namespaced(
    spec((c, s) => validateCronJobSpec(c, s, c.features)),
    () => cronJobName,
  ),
  'networking.k8s.io/v1/Ingress': namespaced(
    spec((c, s) => validateIngressSpec(c.errs, s, serviceNameFn(c.features))),
  ),
  'networking.k8s.io/v1/IngressClass': clusterScoped(),
  'networking.k8s.io/v1/NetworkPolicy': namespaced(specErrors(validateNetworkPolicySpec)),
  'policy/v1/PodDisruptionBudget': namespaced(specErrors(validatePDBSpec)),
  'autoscaling/v2/HorizontalPodAutoscaler': namespaced(specErrors(validateHPASpec), segmentName),
  'autoscaling/v1/HorizontalPodAutoscaler': namespaced(specErrors(validateHPASpec), segmentName),
  'rbac.authorization.k8s.io/v1/Role': namespaced(rbac(validateRules, true), segmentName),
  'rbac.authorization.k8s.io/v1/ClusterRole': clusterScoped(rbac(validateRules, false), segmentName),
  'rbac.authorization.k8s.io/v1/RoleBinding': namespaced(rbac(validateBinding, true), segmentName),
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': clusterScoped(rbac(validateBinding, false), segmentName),
};

/** The kinds this module validates, as `apiVersion/kind`. */
export const VALIDATED_KINDS: readonly string[] = Object.keys(KINDS);

/**
 * A custom resource (a kind a CRD serves): apiextensions' validator checks only its metadata (a
 * DNS-subdomain name, the namespace when the CRD is namespaced, labels, annotations) beside the schema.
 */
const customResource = (scope: CrdScope): KindRule => ({
  name: subdomain,
  namespaced: scope === 'Namespaced',
});

export type CrdScope = 'Namespaced' | 'Cluster';

/**
 * Kubernetes' errors for one resource document: a built-in kind this module knows, or a custom resource
 * of a CRD with `crdScope`; empty for other kinds.
 */
export function validateResource(
  header: ResourceHeader,
  doc: Document,
  kubernetesVersion: string,
  crdScope?: CrdScope,
): FieldError[] {
  const rule = KINDS[`${header.apiVersion}/${header.kind}`] ?? (crdScope && customResource(crdScope));
  if (!rule) return [];
  const features = featuresOf(kubernetesVersion);
  const errs = new ErrorList();
  const root = V.root(header.root, doc);
  const nameFn = rule.name(features);
  const dots = nameFn === isDNS1123Subdomain;
  validateObjectMeta(errs, root.child('metadata'), nameFn, rule.namespaced, nameFix(nameFn, dots));
  rule.validate?.({ errs, features }, root, features);
  return errs.errors;
}
