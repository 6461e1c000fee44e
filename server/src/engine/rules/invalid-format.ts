// A malformed quantity, duration, date-time, base64 value, IP address or out-of-range integer.
import { schemaRule } from '../schema/schemaRule';

export const invalidFormat = schemaRule(
  'invalid-format',
  'A value that does not have the format the schema requires.',
  false,
);
