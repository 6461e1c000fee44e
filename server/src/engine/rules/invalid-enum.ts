// A value outside the schema's enum; lists the allowed values and the closest one.
import { schemaRule } from '../schema/schemaRule';

export const invalidEnum = schemaRule('invalid-enum', 'A value that is not one of the allowed values.', true);
