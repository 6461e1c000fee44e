// Istio's webhook decodes an HTTP_FILTER / NETWORK_FILTER / LISTENER_FILTER patch value strictly into
// Envoy's filter wrapper message and warns of an unknown field (the v2 `config` struct Envoy v3 removed),
// and of a filter named without typed_config; a lenient decoding failure is no such warning.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkFile } from '../../server/src/engine/check';
import { Severity } from '../../server/src/engine/model/diagnostic';
import { testEnv } from '../helpers/env';

const envoyFilter = (applyTo: string, op: string, value: string) => `apiVersion: networking.istio.io/v1alpha3
kind: EnvoyFilter
metadata: {name: f, namespace: istio-system}
spec:
  configPatches:
  - applyTo: ${applyTo}
    patch:
      operation: ${op}
      value:
${value}
`;

/** The IST0133 warnings other than the one Istio gives every EnvoyFilter, with the text they cover. */
function warnings(yaml: string): string[] {
  const file = parseFile('file:///f.yaml', yaml);
  return checkFile(file, testEnv())
    .filter((d) => d.code === 'IST0133' && d.severity === Severity.Warning)
    .map((d) => {
      const covers = yaml.slice(file.lines.offsetAt(d.range.start), file.lines.offsetAt(d.range.end));
      return `${covers.split('\n')[0]}: ${d.message.replace(/^Schema validation warning: /, '')}`;
    });
}

test('EnvoyFilter: an HTTP filter written with the v2 `config` struct warns of the unknown field', () => {
  const value = `        name: envoy.ext_authz
        config:
          stat_prefix: ext_authz`;
  assert.deepEqual(warnings(envoyFilter('HTTP_FILTER', 'INSERT_FIRST', value)), [
    'config: Envoy filter: unknown field "config" in envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter',
  ]);
  assert.deepEqual(warnings(envoyFilter('NETWORK_FILTER', 'INSERT_FIRST', value)), [
    'config: Envoy filter: unknown field "config" in envoy.config.listener.v3.Filter',
  ]);
});

test('EnvoyFilter: a filter named without typed_config is a warning', () => {
  assert.deepEqual(
    warnings(envoyFilter('LISTENER_FILTER', 'ADD', '        name: envoy.filters.listener.tls_inspector')),
    [
      'envoy.filters.listener.tls_inspector: using deprecated types by name without typed_config; envoy.filters.listener.tls_inspector',
    ],
  );
});

test('EnvoyFilter: typed_config, config discovery, known fields and other objects are not warned of', () => {
  const typed = `        name: envoy.filters.http.lua
        is_optional: true
        typed_config:
          "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua
          inlineCode: x`;
  assert.deepEqual(warnings(envoyFilter('HTTP_FILTER', 'INSERT_FIRST', typed)), []);
  const camel = `        name: envoy.filters.http.lua
        typedConfig: {"@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua}`;
  assert.deepEqual(warnings(envoyFilter('HTTP_FILTER', 'INSERT_FIRST', camel)), []);
  const ecds = `        name: my-wasm
        config_discovery: {config_source: {ads: {}}, type_urls: [x]}`;
  assert.deepEqual(warnings(envoyFilter('HTTP_FILTER', 'INSERT_FIRST', ecds)), []);
  // A MERGE of no name, and a cluster (whose many fields are not judged), stay quiet.
  assert.deepEqual(warnings(envoyFilter('HTTP_FILTER', 'MERGE', '        disabled: true')), []);
  assert.deepEqual(
    warnings(envoyFilter('CLUSTER', 'ADD', '        name: c\n        connect_timeout: 1s')),
    [],
  );
  // A bool field of another type fails the lenient decoding: no strict-decoding warning.
  assert.deepEqual(
    warnings(envoyFilter('HTTP_FILTER', 'ADD', '        name: x\n        disabled: "yes"')),
    [],
  );
});
