// Builds the per-document rule for one annotation code: the findings are computed once per document
// (sites.ts) and each rule reports its own code, on the key or on the value.
import type { Rule } from '../model/rule';
import { Severity } from '../model/diagnostic';
import { istDocsUrl, istSeverity, type AnnotationCode } from './catalogue';
import { documentFindings } from './sites';

export function annotationRule({
  id: code,
  description,
  fixable,
}: {
  id: AnnotationCode;
  description: string;
  fixable: boolean;
}): Rule {
  return {
    meta: {
      id: code,
      description,
      severity: istSeverity(code),
      fixable,
      appliesTo: 'resource',
      docsUrl: istDocsUrl(code),
    },
    check(ctx) {
      for (const f of documentFindings(ctx.doc)) {
        if (f.code !== code) continue;
        ctx.report({
          node: f.onValue ? f.pair.value : f.pair.key,
          message: f.message,
          ...(f.placeholder ? { severity: Severity.Information } : {}),
          ...(f.data ? { data: f.data } : {}),
        });
      }
    },
  };
}
