// IST0108 (An annotation (or label) in an Istio namespace that Istio does not know; with did-you-mean.) Logic shared with Istio's analyzers: engine/annotations/check.ts.
import { annotationRule } from '../annotations/rule';

export const unknownAnnotation = annotationRule({
  id: 'IST0108',
  description: 'An annotation (or label) in an Istio namespace that Istio does not know; with did-you-mean.',
  fixable: true,
});
