// A required field is absent (reported on the key of the mapping that lacks it).
import { schemaRule } from '../schema/schemaRule';

export const missingRequired = schemaRule(
  'missing-required',
  'A field the schema requires is missing.',
  false,
);
