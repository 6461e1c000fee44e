// The rule registry. Each rule lives in rules/<code>.ts, named after the code it reports.
import type { Rule } from '../model/rule';
import { yamlSyntax } from './yaml-syntax';
import { duplicateKey } from './duplicate-key';
import { misplacedAnnotation } from './IST0107';
import { unknownAnnotation } from './IST0108';
import { invalidAnnotation } from './IST0125';
import { deprecatedAnnotation } from './IST0135';
import { alphaAnnotation } from './IST0136';

export const ALL_RULES: readonly Rule[] = [
  yamlSyntax,
  duplicateKey,
  misplacedAnnotation,
  unknownAnnotation,
  invalidAnnotation,
  deprecatedAnnotation,
  alphaAnnotation,
];
