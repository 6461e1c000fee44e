// Kubernetes workload kinds whose pod template becomes pods: shared by the annotation checks and the
// workspace graph.
import type { PathSegment } from '../parse/nodes';

/** Workload kinds whose pod template becomes pods, and where the template lives. */
export const POD_TEMPLATE_PATHS: Readonly<Record<string, readonly PathSegment[]>> = {
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  DeploymentConfig: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};
