// A value of the wrong JSON type: a string where an integer goes, a map where a list goes...
import { schemaRule } from '../schema/schemaRule';

export const invalidType = schemaRule('invalid-type', 'A value whose type does not match the schema.', true);
