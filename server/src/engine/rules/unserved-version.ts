// An apiVersion that does not serve the kind (removed or never existed): the API server rejects
// the document. The fix replaces apiVersion with the preferred served version.
import { Severity } from '../model/diagnostic';
import { kindRule } from './shared/kindRule';

export const unservedVersion = kindRule({
  id: 'unserved-version',
  description: 'The API version does not serve this kind.',
  severity: Severity.Error,
  fixable: true,
  appliesTo: 'resource',
  docsUrl: 'https://kubernetes.io/docs/reference/using-api/deprecation-guide/',
});
