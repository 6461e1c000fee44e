// A kind written under an API group that does not serve it: "Telemetry is served by
// telemetry.istio.io/v1". The fix replaces apiVersion.
import { Severity } from '../model/diagnostic';
import { kindRule } from './shared/kindRule';

export const kindWrongGroup = kindRule({
  id: 'kind-wrong-group',
  description: 'The kind exists, but in another API group.',
  severity: Severity.Error,
  fixable: true,
  appliesTo: 'resource',
});
