// Fields that exclude each other (the CRD's oneOf), e.g. both `exact` and `prefix` in a StringMatch.
import { schemaRule } from '../schema/schemaRule';

export const conflictingFields = schemaRule(
  'conflicting-fields',
  'Fields set together that the schema allows only one of.',
  false,
);
