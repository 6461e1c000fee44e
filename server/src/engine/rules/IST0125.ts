// IST0125 (The value of an Istio annotation or label is not valid for it.) Logic shared with Istio's analyzers: engine/annotations/check.ts.
import { annotationRule } from '../annotations/rule';

export const invalidAnnotation = annotationRule({
  id: 'IST0125',
  description: 'The value of an Istio annotation or label is not valid for it.',
  fixable: false,
});
