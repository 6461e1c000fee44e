// IST0135 (A deprecated Istio annotation.) Logic shared with Istio's analyzers: engine/annotations/check.ts.
import { annotationRule } from '../annotations/rule';

export const deprecatedAnnotation = annotationRule({
  id: 'IST0135',
  description: 'A deprecated Istio annotation.',
  fixable: true,
});
