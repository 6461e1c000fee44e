// Builds the rule for one structural-validation code; the validation itself runs once per document.
import { Severity } from '../model/diagnostic';
import type { Rule } from '../model/rule';
import { reportFindings } from './findings';
import type { SchemaCode } from './finding';

export function schemaRule(
  id: SchemaCode,
  description: string,
  fixable: boolean,
  severity = Severity.Error,
): Rule {
  return {
    meta: {
      id,
      description,
      severity,
      fixable,
      appliesTo: 'resource',
      docsUrl: 'https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation',
    },
    check: (ctx) => reportFindings(ctx, id),
  };
}
