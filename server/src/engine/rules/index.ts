// The rule registry. Each rule lives in rules/<code>.ts, named after the code it reports.
import type { Rule } from '../model/rule';
import { celValidation } from './cel-validation';
import { k8sValidation } from './k8s-validation';
import { yamlSyntax } from './yaml-syntax';
import { duplicateKey } from './duplicate-key';
import { excessiveAliasing } from './excessive-aliasing';
import { unknownKind } from './unknown-kind';
import { kindWrongGroup } from './kind-wrong-group';
import { unservedVersion } from './unserved-version';
import { deprecatedVersion } from './deprecated-version';
import { deprecatedField } from './deprecated-field';
import { unknownField } from './unknown-field';
import { invalidType } from './invalid-type';
import { missingRequired } from './missing-required';
import { invalidEnum } from './invalid-enum';
import { invalidFormat } from './invalid-format';
import { invalidValue } from './invalid-value';
import { conflictingFields } from './conflicting-fields';
import { nonStringMetadata } from './non-string-metadata';
import { misplacedAnnotation } from './IST0107';
import { unknownAnnotation } from './IST0108';
import { invalidAnnotation } from './IST0125';
import { deprecatedAnnotation } from './IST0135';
import { alphaAnnotation } from './IST0136';
import { schemaValidationError } from './IST0106';
import { schemaWarning } from './IST0133';
import { httpMethodCase } from './http-method-case';

/** The structural validator's findings (schema/validate.ts), one rule per code. */
export const STRUCTURAL_RULES: readonly Rule[] = [
  unknownField,
  invalidType,
  missingRequired,
  invalidEnum,
  invalidFormat,
  invalidValue,
  conflictingFields,
  nonStringMetadata,
];

export const ALL_RULES: readonly Rule[] = [
  yamlSyntax,
  duplicateKey,
  excessiveAliasing,
  unknownKind,
  kindWrongGroup,
  unservedVersion,
  deprecatedVersion,
  ...STRUCTURAL_RULES,
  deprecatedField,
  misplacedAnnotation,
  unknownAnnotation,
  invalidAnnotation,
  deprecatedAnnotation,
  alphaAnnotation,
  celValidation,
  schemaValidationError,
  schemaWarning,
  k8sValidation,
  httpMethodCase,
];
