// IST0136 (An Istio annotation of an alpha-phase feature.) Logic shared with Istio's analyzers: engine/annotations/check.ts.
import { annotationRule } from '../annotations/rule';

export const alphaAnnotation = annotationRule({
  id: 'IST0136',
  description: 'An Istio annotation of an alpha-phase feature.',
  fixable: false,
});
