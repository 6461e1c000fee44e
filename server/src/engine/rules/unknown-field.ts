// A field the schema does not declare (kubectl --validate=strict rejects it), with did-you-mean and
// "it belongs under `destination`" when the field exists at a nearby level.
import { schemaRule } from '../schema/schemaRule';

export const unknownField = schemaRule(
  'unknown-field',
  'A field that the schema of this kind does not declare.',
  true,
);
