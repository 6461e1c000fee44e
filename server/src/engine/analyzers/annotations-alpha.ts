// annotations.AlphaAnalyzer (istio/istio pkg/config/analysis/analyzers/maturity): Istio annotations of
// alpha-phase features (IST0136, information), except those Istio sets itself, and on pods without
// an istio-init container (CNI) the four traffic annotations the CNI plugin sets. Not in Istio's
// default set (too noisy), hence inAll: false. Shared checks: engine/annotations/check.ts.
import type { Analyzer } from '../analysis/analyzer';
import { reportIstioAnnotationFindings } from './util/annotations';

export const annotationsAlphaAnalyzer: Analyzer = {
  meta: {
    name: 'annotations.AlphaAnalyzer',
    description: 'Checks for alpha Istio annotations in Kubernetes resources',
    codes: ['IST0136'],
    inputs: ['Namespace', 'Service', 'Pod', 'Deployment'],
    inAll: false,
  },
  analyze(ctx) {
    reportIstioAnnotationFindings(ctx, ['IST0136']);
  },
};
