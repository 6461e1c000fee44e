// The injected document as istioctl kube-inject prints it: it decodes the workload into its
// Kubernetes type and encodes it again (encoding/json through sigs.k8s.io/yaml). Go's form differs
// from the input in data, not only in layout, and a user diffs our preview against it:
// - omitempty fields holding "" or [] disappear (`serviceAccountName: ""`, `volumeClaimTemplates: []`),
//   nulls disappear, and so does `creationTimestamp: null` (metav1.Time is omitted when zero);
// - struct fields without omitempty appear even when empty: every container's `resources: {}`, the
//   workload's `status: {}` (with the status counters that are not omitempty), Deployment
//   `strategy: {}`, DaemonSet/StatefulSet `updateStrategy: {}`, a claim template's `status: {}`;
// - quantities print canonically (`1000m` → `1`, `1024Mi` → `1Gi`).
// Key order and indentation stay the user's (the rest of the document is spliced byte for byte).
import { isObj, type Obj } from '../util/json';
import { canonicalQuantity } from '../util/quantity';

// Workload status structs: the counters without omitempty that Go always writes.
const STATUS: Record<string, string[]> = {
  Pod: [],
  Deployment: [],
  Job: [],
  CronJob: [],
  StatefulSet: ['availableReplicas', 'replicas'],
  DaemonSet: ['currentNumberScheduled', 'desiredNumberScheduled', 'numberMisscheduled', 'numberReady'],
  ReplicaSet: ['replicas'],
  ReplicationController: ['replicas'],
  DeploymentConfig: [
    'availableReplicas',
    'latestVersion',
    'observedGeneration',
    'replicas',
    'unavailableReplicas',
    'updatedReplicas',
  ],
};
// Spec fields that are structs (written as {} when unset), per kind.
const SPEC_STRUCTS: Record<string, string[]> = {
  Deployment: ['strategy'],
  DaemonSet: ['updateStrategy'],
  StatefulSet: ['updateStrategy'],
  DeploymentConfig: ['strategy'],
};
// Fields whose value is a map of user keys: their entries are data, not struct fields.
const MAP_FIELDS = new Set([
  'labels',
  'annotations',
  'matchLabels',
  'nodeSelector',
  'limits',
  'requests',
  'overhead',
  'data',
  'stringData',
  'binaryData',
  'volumeAttributes',
  'parameters',
]);
// Fields without omitempty in the workload types: an empty value is written, not dropped.
const KEEP_EMPTY = new Set([
  'name',
  'mountPath',
  'fieldPath',
  'key',
  'path',
  'value',
  'topologyKey',
  'schedule',
  'serviceName',
  'containers',
  'items',
  'nodeSelectorTerms',
]);
const QUANTITY_MAPS = new Set(['limits', 'requests', 'overhead', 'capacity']);

/** Rewrites an injected workload document (in place) into the form Go's typed round trip prints. */
export function goTypedForm(doc: Obj): Obj {
  prune(doc);
  const kind = typeof doc.kind === 'string' ? doc.kind : '';
  if (kind === 'List') {
    doc.metadata ??= {};
    return doc;
  }
  if (!(kind in STATUS)) return doc;
  const spec = isObj(doc.spec) ? doc.spec : undefined;
  for (const f of SPEC_STRUCTS[kind] ?? []) if (spec && !isObj(spec[f])) spec[f] = {};
  // OpenShift's DeploymentStrategy carries a corev1.ResourceRequirements struct.
  if (kind === 'DeploymentConfig' && spec) {
    if (isObj(spec.strategy)) spec.strategy.resources ??= {};
    spec.test ??= false;
  }
  const status = isObj(doc.status) ? doc.status : (doc.status = {});
  for (const k of STATUS[kind]) status[k] ??= 0;
  for (const podSpec of podSpecs(doc, kind)) {
    for (const key of ['initContainers', 'containers', 'ephemeralContainers'])
      for (const c of Array.isArray(podSpec[key]) ? podSpec[key] : [])
        if (isObj(c) && !isObj(c.resources)) c.resources = {};
  }
  if (kind === 'CronJob') {
    const tpl = dig(doc, 'spec', 'jobTemplate', 'spec', 'template');
    if (tpl) tpl.metadata ??= {};
  }
  for (const claim of Array.isArray(spec?.volumeClaimTemplates) ? spec.volumeClaimTemplates : []) {
    if (!isObj(claim)) continue;
    claim.metadata ??= {};
    const cs = isObj(claim.spec) ? claim.spec : (claim.spec = {});
    cs.resources ??= {};
    claim.status ??= {};
  }
  return doc;
}

function dig(o: unknown, ...path: string[]): Obj | undefined {
  let cur = o;
  for (const p of path) cur = isObj(cur) ? cur[p] : undefined;
  return isObj(cur) ? cur : undefined;
}

function podSpecs(doc: Obj, kind: string): Obj[] {
  const spec =
    kind === 'Pod'
      ? dig(doc, 'spec')
      : kind === 'CronJob'
        ? dig(doc, 'spec', 'jobTemplate', 'spec', 'template', 'spec')
        : dig(doc, 'spec', 'template', 'spec');
  return spec ? [spec] : [];
}

/** Drops nulls, zero timestamps and empty omitempty values; canonicalizes quantities. */
function prune(o: Obj): void {
  for (const [k, v] of Object.entries(o)) {
    if (v === null || v === undefined) {
      delete o[k];
      continue;
    }
    if (QUANTITY_MAPS.has(k) && isObj(v)) {
      for (const [name, q] of Object.entries(v)) v[name] = canonicalQuantity(q) ?? q;
      continue;
    }
    if (k === 'sizeLimit') o[k] = canonicalQuantity(v) ?? v;
    if (MAP_FIELDS.has(k)) continue;
    if ((v === '' || (Array.isArray(v) && !v.length)) && !KEEP_EMPTY.has(k)) {
      delete o[k];
      continue;
    }
    if (Array.isArray(v)) {
      for (const x of v) if (isObj(x)) prune(x);
    } else if (isObj(v)) prune(v);
  }
}

const isEmpty = (v: unknown) => isObj(v) && !Object.keys(v).length;

/**
 * Removing an injection takes away the empty values goTypedForm adds (they carry no meaning), so
 * that removing restores the user's document.
 */
export function dropGoTypedArtifacts(doc: Obj): Obj {
  const kind = typeof doc.kind === 'string' ? doc.kind : '';
  if (kind === 'List') {
    if (isEmpty(doc.metadata)) delete doc.metadata;
    return doc;
  }
  if (!(kind in STATUS)) return doc;
  const counters = STATUS[kind];
  if (isObj(doc.status) && Object.entries(doc.status).every(([k, v]) => counters.includes(k) && v === 0))
    delete doc.status;
  const spec = isObj(doc.spec) ? doc.spec : undefined;
  if (kind === 'DeploymentConfig' && spec) {
    if (isObj(spec.strategy) && isEmpty(spec.strategy.resources)) delete spec.strategy.resources;
    if (spec.test === false) delete spec.test;
  }
  for (const f of SPEC_STRUCTS[kind] ?? []) if (spec && isEmpty(spec[f])) delete spec[f];
  for (const podSpec of podSpecs(doc, kind))
    for (const key of ['initContainers', 'containers', 'ephemeralContainers'])
      for (const c of Array.isArray(podSpec[key]) ? podSpec[key] : [])
        if (isObj(c) && isEmpty(c.resources)) delete c.resources;
  if (kind === 'CronJob') {
    const tpl = dig(doc, 'spec', 'jobTemplate', 'spec', 'template');
    if (tpl && isEmpty(tpl.metadata)) delete tpl.metadata;
  }
  for (const claim of Array.isArray(spec?.volumeClaimTemplates) ? spec.volumeClaimTemplates : []) {
    if (!isObj(claim)) continue;
    if (isEmpty(claim.status)) delete claim.status;
    if (isObj(claim.spec) && isEmpty(claim.spec.resources)) delete claim.spec.resources;
  }
  return doc;
}
