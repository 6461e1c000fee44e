// A served but deprecated (or superseded pre-release) apiVersion, e.g. networking.istio.io/v1alpha3
// where v1 exists. Information only; the fix moves to the stable version.
import { Severity } from '../model/diagnostic';
import { kindRule } from './shared/kindRule';

export const deprecatedVersion = kindRule({
  id: 'deprecated-version',
  description: 'The API version is deprecated or superseded by a stable version.',
  severity: Severity.Information,
  fixable: true,
  appliesTo: 'resource',
  docsUrl: 'https://kubernetes.io/docs/reference/using-api/deprecation-policy/',
});
