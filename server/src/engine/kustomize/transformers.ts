// kustomize's builtin transformers on plain values (sigs.k8s.io/kustomize api/filters and the
// default field specs in api/konfig/builtinpluginconsts): namespace, labels, annotations, images.
import { POD_TEMPLATE_PATHS } from '../model/workloads';
import type { PathSegment } from '../parse/nodes';
import { isObj, type Obj } from '../util/json';
import type { ImageRule, LabelSet } from './kustomization';

const kindOf = (v: Obj): string => (typeof v.kind === 'string' ? v.kind : '');

/** Kinds without a namespace: the namespace transformer leaves their metadata alone. */
const CLUSTER_SCOPED: ReadonlySet<string> = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'StorageClass',
  'VolumeAttachment',
  'CSIDriver',
  'CSINode',
  'PriorityClass',
  'RuntimeClass',
  'IngressClass',
  'GatewayClass',
  'PodSecurityPolicy',
  'ClusterIssuer',
  'CertificateSigningRequest',
  'ComponentStatus',
]);

export const isClusterScoped = (kind: string): boolean => CLUSTER_SCOPED.has(kind);

/** Where a workload keeps its pod template, for the kinds kustomize's field specs list (not OpenShift's
 * DeploymentConfig, which they leave alone). */
const templateOf = (kind: string): readonly PathSegment[] | undefined =>
  kind === 'DeploymentConfig' ? undefined : POD_TEMPLATE_PATHS[kind];

function at(v: Obj, path: readonly PathSegment[], create: boolean): Obj | undefined {
  let cur: Obj = v;
  for (const seg of path) {
    if (!isObj(cur[seg])) {
      if (!create) return undefined;
      cur[seg] = {};
    }
    cur = cur[seg] as Obj;
  }
  return cur;
}

/**
 * metadata.namespace of namespaced kinds, the name of a Namespace object (kustomize's namespace field
 * specs: `metadata/name` of kind Namespace, so a base's Namespace manifest becomes the overlay's), and
 * the `default` ServiceAccount subjects of role bindings.
 */
export function applyNamespace(v: Obj, ns: string): void {
  const kind = kindOf(v);
  if (!isClusterScoped(kind)) at(v, ['metadata'], true)!.namespace = ns;
  if (kind === 'Namespace' && v.apiVersion === 'v1') at(v, ['metadata'], true)!.name = ns;
  if ((kind === 'RoleBinding' || kind === 'ClusterRoleBinding') && Array.isArray(v.subjects))
    for (const s of v.subjects) if (isObj(s) && s.name === 'default') s.namespace = ns;
}

export function applyLabels(v: Obj, l: LabelSet): void {
  const add = (m: Obj | undefined) => m && Object.assign(m, l.pairs);
  add(at(v, ['metadata', 'labels'], true));
  const kind = kindOf(v);
  const tpl = templateOf(kind);
  if (tpl && l.includeTemplates) add(at(v, [...tpl, 'metadata', 'labels'], true));
  if (!l.includeSelectors) return;
  if (kind === 'Service') add(at(v, ['spec', 'selector'], true));
  else if (tpl && kind !== 'CronJob' && kind !== 'Job') add(at(v, ['spec', 'selector', 'matchLabels'], true));
  else if (kind === 'PodDisruptionBudget') add(at(v, ['spec', 'selector', 'matchLabels'], true));
}

export function applyAnnotations(v: Obj, annotations: Record<string, string>): void {
  Object.assign(at(v, ['metadata', 'annotations'], true)!, annotations);
  const tpl = templateOf(kindOf(v));
  if (tpl) Object.assign(at(v, [...tpl, 'metadata', 'annotations'], true)!, annotations);
}

/** `images`: containers whose image name matches get the new name, tag or digest. */
export function applyImages(v: Obj, rules: readonly ImageRule[]): void {
  const tpl = templateOf(kindOf(v));
  const spec = tpl
    ? at(v, [...tpl, 'spec'], false)
    : v.kind === 'Pod'
      ? (v.spec as Obj | undefined)
      : undefined;
  if (!isObj(spec)) return;
  for (const list of [spec.containers, spec.initContainers, spec.ephemeralContainers]) {
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      if (!isObj(c) || typeof c.image !== 'string') continue;
      const { name, tag, digest } = splitImage(c.image);
      const rule = rules.find((r) => r.name === name);
      if (!rule) continue;
      const newName = rule.newName ?? name;
      c.image = rule.digest
        ? `${newName}@${rule.digest}`
        : rule.newTag
          ? `${newName}:${rule.newTag}`
          : `${newName}${digest ? `@${digest}` : tag ? `:${tag}` : ''}`;
    }
  }
}

function splitImage(image: string): { name: string; tag?: string; digest?: string } {
  const at = image.indexOf('@');
  if (at >= 0) return { name: image.slice(0, at), digest: image.slice(at + 1) };
  const colon = image.lastIndexOf(':');
  if (colon > image.lastIndexOf('/')) return { name: image.slice(0, colon), tag: image.slice(colon + 1) };
  return { name: image };
}
