// IST0135 (A deprecated Istio annotation.) Logic shared with Istio's analyzers: engine/annotations/check.ts.
import { annotationRule } from '../annotations/rule';

export const deprecatedAnnotation = annotationRule('IST0135', 'A deprecated Istio annotation.', true);
