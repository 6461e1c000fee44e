// The rule registry. Each rule lives in rules/<code>.ts, named after the code it reports.
import type { Rule } from '../model/rule';
import { yamlSyntax } from './yaml-syntax';
import { duplicateKey } from './duplicate-key';

export const ALL_RULES: readonly Rule[] = [
  yamlSyntax,
  duplicateKey,
];
