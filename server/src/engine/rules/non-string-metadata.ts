// A label or annotation value that is not a string (`sidecar.istio.io/inject: true`): Kubernetes
// rejects the whole manifest. Fixed by quoting the value.
import { schemaRule } from '../schema/schemaRule';

export const nonStringMetadata = schemaRule(
  'non-string-metadata',
  'A label or annotation value that is not a string.',
  true,
);
