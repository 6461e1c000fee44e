// IST0107 (An Istio annotation or label is on a kind of resource it does not apply to.) Logic shared with Istio's analyzers: engine/annotations/check.ts.
import { annotationRule } from '../annotations/rule';

export const misplacedAnnotation = annotationRule({
  id: 'IST0107',
  description: 'An Istio annotation or label is on a kind of resource it does not apply to.',
  fixable: true,
});
