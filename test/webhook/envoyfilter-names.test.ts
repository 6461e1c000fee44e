// Istio's webhook warns when an EnvoyFilter's listener match names a filter by its deprecated name
// (xds.DeprecatedFilterNames): the match still works, and the warning says the canonical name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { Severity } from '../../server/src/engine/model/diagnostic';
import { testEnv } from '../helpers/env';

const envoyFilter = (applyTo: string, filter: string) => `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: f, namespace: istio-system}
spec:
  configPatches:
  - applyTo: ${applyTo}
    match:
      listener:
        filterChain:
          filter:
${filter}
    patch:
      operation: MERGE
      value: {}
`;

/** The IST0133 warnings other than the one Istio gives every EnvoyFilter, with the text they cover. */
function warnings(yaml: string): string[] {
  const file = parseFile('file:///f.yaml', yaml);
  return checkFile(file, testEnv())
    .filter((d) => d.code === 'IST0133' && d.severity === Severity.Warning)
    .map((d) => {
      const covers = yaml.slice(file.lines.offsetAt(d.range.start), file.lines.offsetAt(d.range.end));
      return `${covers}: ${d.message.replace(/^Schema validation warning: /, '')}`;
    });
}

test('EnvoyFilter: a deprecated network filter name in a listener match is a warning', () => {
  assert.deepEqual(
    warnings(envoyFilter('NETWORK_FILTER', '            name: envoy.http_connection_manager')),
    [
      'envoy.http_connection_manager: using deprecated filter name "envoy.http_connection_manager"; use "envoy.filters.network.http_connection_manager" instead',
    ],
  );
  assert.deepEqual(warnings(envoyFilter('NETWORK_FILTER', '            name: envoy.ext_authz')), [
    'envoy.ext_authz: using deprecated filter name "envoy.ext_authz"; use "envoy.filters.network.ext_authz" instead',
  ]);
});

test('EnvoyFilter: a deprecated subfilter name is a warning naming the HTTP filter', () => {
  const filter = `            name: envoy.filters.network.http_connection_manager
            subFilter:
              name: envoy.router`;
  assert.deepEqual(warnings(envoyFilter('HTTP_FILTER', filter)), [
    'envoy.router: using deprecated filter name "envoy.router"; use "envoy.filters.http.router" instead',
  ]);
});

test('EnvoyFilter: canonical and unknown filter names are not warned about', () => {
  const filter = `            name: envoy.filters.network.http_connection_manager
            subFilter:
              name: envoy.filters.http.router`;
  assert.deepEqual(warnings(envoyFilter('HTTP_FILTER', filter)), []);
  assert.deepEqual(warnings(envoyFilter('NETWORK_FILTER', '            name: my.custom_filter')), []);
});
