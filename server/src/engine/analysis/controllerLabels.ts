// Labels a workload's controller puts on the pods it creates, with values computed at run time that no
// manifest holds: the Deployment controller's `pod-template-hash` (apps/v1 DefaultDeploymentUniqueLabelKey),
// the StatefulSet and DaemonSet controllers' `controller-revision-hash` (and a StatefulSet's pod name and
// index, a DaemonSet's template generation), the Job controller's uid labels, and Argo Rollouts'
// `rollouts-pod-template-hash`, which the Rollouts controller also writes into the DestinationRule subsets
// and Services it manages (so a subset exported from a cluster selects by it). A pod from a template has
// such a label with some value: a selector naming it cannot be proven to miss that pod.
// OpenShift's DeploymentConfig controller (library-go appsutil MakeDeployment) labels every pod it deploys
// `deploymentconfig: <the config's name>`, over whatever the template says, and `deployment:
// <name>-<version>`, its run-time replication controller: policies, Services and subsets written for
// OpenShift select by the first, which the template rarely writes (`controllerSetLabels`).
import type { WorkloadPod, WorkspaceResource } from './analyzer';
import type { Labels } from '../util/labels';

const REVISION = ['controller-revision-hash'];
const DC_DEPLOYMENT = 'deployment';
const DC_CONFIG = 'deploymentconfig';
const JOB = [
  'controller-uid',
  'batch.kubernetes.io/controller-uid',
  'batch.kubernetes.io/job-completion-index',
];

/** By group and kind of the workload whose template the pod is. */
const BY_WORKLOAD: Readonly<Record<string, readonly string[]>> = {
  'apps/Deployment': ['pod-template-hash'],
  'apps/StatefulSet': [...REVISION, 'statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index'],
  'apps/DaemonSet': [...REVISION, 'pod-template-generation'],
  'batch/Job': JOB,
  'batch/CronJob': [...JOB, 'job-name', 'batch.kubernetes.io/job-name'],
  'argoproj.io/Rollout': ['rollouts-pod-template-hash'],
  // The group-less v1 is OpenShift 3's legacy API, read as a workload too (model/workloads.ts).
  'apps.openshift.io/DeploymentConfig': [DC_DEPLOYMENT],
  '/DeploymentConfig': [DC_DEPLOYMENT],
};

/**
 * Labels the controller of workload `r` sets on the pods of its template with a value the manifest
 * determines (they win over the template's own): a DeploymentConfig's name.
 */
export function controllerSetLabels(r: WorkspaceResource): Labels | undefined {
  if (r.kind !== 'DeploymentConfig' || (r.group !== 'apps.openshift.io' && r.group !== '')) return undefined;
  return { [DC_CONFIG]: r.name };
}

/** The label keys the pod's controller sets with a run-time value (none for a Pod manifest). */
export function runtimeLabelKeys(pod: WorkloadPod): readonly string[] {
  if (!pod.fromTemplate) return [];
  return BY_WORKLOAD[`${pod.resource.group}/${pod.resource.kind}`] ?? [];
}

/**
 * Whether `selector` may select the pod: each of its labels is the pod's own, or one the pod's controller
 * sets at run time that the template does not write (its value unknown).
 */
export function maySelectPod(selector: Labels, pod: WorkloadPod, labels: Labels = pod.labels): boolean {
  const runtime = runtimeLabelKeys(pod);
  for (const [k, v] of Object.entries(selector)) {
    if (labels[k] === v) continue;
    if (!(k in labels) && runtime.includes(k)) continue;
    return false;
  }
  return true;
}

/** Whether any key of the selector is one some controller sets at run time (the slow path is then needed). */
export function namesRuntimeLabel(selector: Labels): boolean {
  return Object.keys(selector).some((k) => RUNTIME_KEYS.has(k));
}
const RUNTIME_KEYS = new Set(Object.values(BY_WORKLOAD).flat());
