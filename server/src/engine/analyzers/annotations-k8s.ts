// annotations.K8sAnalyzer (istio/istio pkg/config/analysis/analyzers/annotations): unknown (IST0108),
// deprecated (IST0135), misplaced (IST0107) and invalid (IST0125) Istio annotations on Namespaces,
// Services, Pods and Deployments. The checks are engine/annotations/check.ts, shared with the
// per-document rules (which also cover pod templates, labels and more value types).
import type { Analyzer } from '../analysis/analyzer';
import { reportIstioAnnotationFindings } from './util/annotations';

export const annotationsK8sAnalyzer: Analyzer = {
  meta: {
    name: 'annotations.K8sAnalyzer',
    description: 'Checks for misplaced and invalid Istio annotations in Kubernetes resources',
    codes: ['IST0107', 'IST0108', 'IST0125', 'IST0135'],
    inputs: ['Namespace', 'Service', 'Pod', 'Deployment'],
    inAll: true,
  },
  analyze(ctx) {
    reportIstioAnnotationFindings(ctx, ['IST0107', 'IST0108', 'IST0125', 'IST0135']);
  },
};
