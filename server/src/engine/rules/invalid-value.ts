// A value outside the schema's bounds: minimum/maximum, length, pattern, item counts, duplicate list entries.
import { schemaRule } from '../schema/schemaRule';

export const invalidValue = schemaRule('invalid-value', 'A value outside the bounds the schema sets.', false);
