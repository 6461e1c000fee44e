// A kind the API group does not have (`kind: IstioProxy` in networking.istio.io), with the closest
// names and the kinds the group does have. For an API group we carry no schema for (a third-party
// CRD), an information note that the document is not validated.
import { Severity } from '../model/diagnostic';
import { kindRule } from './shared/kindRule';

export const unknownKind = kindRule({
  id: 'unknown-kind',
  description: 'The kind is not served by its API group (or the API group is unknown).',
  severity: Severity.Error,
  fixable: true,
  appliesTo: 'resource',
});
