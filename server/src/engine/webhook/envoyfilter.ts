// ValidateEnvoyFilter (pkg/config/validation/envoyfilter/envoyfilter.go): always a warning; each
// config patch needs applyTo, a patch with an operation and (unless REMOVE) a value, a proxyVersion
// regex RE2 compiles, and a match of the applyTo's class; a listener match on a filter's deprecated
// name is a warning. The patch value's Envoy proto decoding is
// approximated: v2 type URLs (no longer known), a non-string `name`, and a filter wrapper's fields
// (envoyFilterWrapper.ts).
import { obj } from '../util/json';
import { Check, type Path, has, list, s } from './check';
import { checkAlphaWorkloadSelector } from './common';
import { checkFilterWrapper } from './envoyFilterWrapper';
import { re2Error } from './re2';
import type { KindValidator } from './types';

const HCM = 'envoy.filters.network.http_connection_manager';
const LISTENER_CLASS = ['LISTENER', 'FILTER_CHAIN', 'NETWORK_FILTER', 'HTTP_FILTER'];
const ROUTE_CLASS = ['ROUTE_CONFIGURATION', 'VIRTUAL_HOST', 'HTTP_ROUTE'];
const OBJECT_TYPES = ['listener', 'routeConfiguration', 'cluster'];

export const validateEnvoyFilter: KindValidator = (input, out) => {
  const c = new Check(input, out);
  const spec = obj(input.spec);
  const at: Path = ['spec'];
  // Istio says this of every EnvoyFilter: advice, not a finding about this one (shown as information).
  c.warn(
    ['kind'],
    'EnvoyFilter exposes internal implementation details that may change at any time. Prefer other APIs if possible, and exercise extreme caution, especially around upgrades.',
    { advisory: true },
  );
  if (!checkAlphaWorkloadSelector(c, spec, 'Envoy filter')) return;
  list(spec.configPatches).forEach((raw, i) => checkPatch(c, raw, [...at, 'configPatches', i]));
};

function checkPatch(c: Check, raw: unknown, at: Path): void {
  if (raw === null || raw === undefined) return c.error(at, 'Envoy filter: null config patch');
  const cp = obj(raw);
  const applyTo = s(cp.applyTo);
  if (applyTo === '' || applyTo === 'INVALID') return c.error(at, 'Envoy filter: missing applyTo');
  if (!has(cp, 'patch')) return c.error(at, 'Envoy filter: missing patch');
  const patch = obj(cp.patch);
  const op = s(patch.operation);
  if (op === '' || op === 'INVALID')
    return c.error([...at, 'patch'], 'Envoy filter: missing patch operation');
  if (op !== 'REMOVE' && !has(patch, 'value'))
    return c.error([...at, 'patch'], 'Envoy filter: missing patch value for non-remove operation');
  const match = obj(cp.match);
  const version = s(obj(match.proxy).proxyVersion);
  if (version !== '') {
    const err = re2Error(version);
    if (err)
      return c.error(
        [...at, 'match', 'proxy', 'proxyVersion'],
        `Envoy filter: invalid regex for proxy version, [${err}]`,
      );
  }
  const mp = [...at, 'match'];
  const typed = OBJECT_TYPES.some((t) => has(match, t));
  if (LISTENER_CLASS.includes(applyTo) && typed) {
    if (!has(match, 'listener'))
      return c.error(mp, 'Envoy filter: applyTo for listener class objects cannot have non listener match');
    const fc = obj(obj(match.listener).filterChain);
    if (has(fc, 'filter')) {
      const filter = obj(fc.filter);
      const fp = [...mp, 'listener', 'filterChain', 'filter'];
      if (applyTo === 'LISTENER' || applyTo === 'FILTER_CHAIN')
        c.warn(fp, `Envoy filter: filter match has no effect when used with ${applyTo}`);
      if (s(filter.name) === '') return c.error(fp, 'Envoy filter: filter match has no name to match on');
      if (has(filter, 'subFilter')) {
        if (applyTo !== 'HTTP_FILTER')
          return c.error(fp, 'Envoy filter: subfilter match can be used with applyTo HTTP_FILTER only');
        if (s(filter.name) !== HCM && s(filter.name) !== 'envoy.http_connection_manager')
          return c.error(fp, `Envoy filter: subfilter match requires filter match with ${HCM}`);
        if (s(obj(filter.subFilter).name) === '')
          return c.error(fp, 'Envoy filter: subfilter match has no name to match on');
      }
      warnDeprecatedName(c, s(filter.name), NETWORK_OR_LISTENER, [...fp, 'name']);
      if (has(filter, 'subFilter'))
        warnDeprecatedName(c, s(obj(filter.subFilter).name), HTTP, [...fp, 'subFilter', 'name']);
    }
  } else if (ROUTE_CLASS.includes(applyTo) && typed && !has(match, 'routeConfiguration')) {
    c.error(
      mp,
      'Envoy filter: applyTo for http route class objects cannot have non route configuration match',
    );
  } else if (applyTo === 'CLUSTER' && typed && !has(match, 'cluster')) {
    c.error(mp, 'Envoy filter: applyTo for cluster class objects cannot have non cluster match');
  }
  if (has(patch, 'value')) checkPatchValue(c, applyTo, patch.value, [...at, 'patch', 'value']);
}

// Envoy's names before the canonical `envoy.filters.*` ones (Istio's xds.DeprecatedFilterNames), which a
// listener match still accepts with a warning. `envoy.ext_authz` names both ext_authz filters; Istio's
// reversed map keeps either, so a network filter match is told the network one, a subfilter the HTTP one.
const HTTP: Record<string, string> = {
  'envoy.buffer': 'envoy.filters.http.buffer',
  'envoy.cors': 'envoy.filters.http.cors',
  'envoy.csrf': 'envoy.filters.http.csrf',
  'envoy.http_dynamo_filter': 'envoy.filters.http.dynamo',
  'envoy.ext_authz': 'envoy.filters.http.ext_authz',
  'envoy.fault': 'envoy.filters.http.fault',
  'envoy.grpc_http1_bridge': 'envoy.filters.http.grpc_http1_bridge',
  'envoy.grpc_json_transcoder': 'envoy.filters.http.grpc_json_transcoder',
  'envoy.grpc_web': 'envoy.filters.http.grpc_web',
  'envoy.gzip': 'envoy.filters.http.gzip',
  'envoy.health_check': 'envoy.filters.http.health_check',
  'envoy.ip_tagging': 'envoy.filters.http.ip_tagging',
  'envoy.lua': 'envoy.filters.http.lua',
  'envoy.rate_limit': 'envoy.filters.http.ratelimit',
  'envoy.router': 'envoy.filters.http.router',
  'envoy.squash': 'envoy.filters.http.squash',
};
const NETWORK_OR_LISTENER: Record<string, string> = {
  ...HTTP,
  'envoy.listener.http_inspector': 'envoy.filters.listener.http_inspector',
  'envoy.listener.original_dst': 'envoy.filters.listener.original_dst',
  'envoy.listener.original_src': 'envoy.filters.listener.original_src',
  'envoy.listener.proxy_protocol': 'envoy.filters.listener.proxy_protocol',
  'envoy.listener.tls_inspector': 'envoy.filters.listener.tls_inspector',
  'envoy.client_ssl_auth': 'envoy.filters.network.client_ssl_auth',
  'envoy.ext_authz': 'envoy.filters.network.ext_authz',
  'envoy.http_connection_manager': HCM,
  'envoy.mongo_proxy': 'envoy.filters.network.mongo_proxy',
  'envoy.ratelimit': 'envoy.filters.network.ratelimit',
  'envoy.redis_proxy': 'envoy.filters.network.redis_proxy',
  'envoy.tcp_proxy': 'envoy.filters.network.tcp_proxy',
};

function warnDeprecatedName(c: Check, name: string, names: Record<string, string>, at: Path): void {
  const canonical = Object.hasOwn(names, name) ? names[name] : undefined;
  if (canonical) c.warn(at, `using deprecated filter name "${name}"; use "${canonical}" instead`);
}

const jsonType = (v: unknown): string =>
  typeof v === 'boolean' ? 'bool' : typeof v === 'number' ? 'number' : Array.isArray(v) ? 'array' : 'object';

/** The parts of Envoy's proto decoding we can tell without Envoy's descriptors. */
function checkPatchValue(c: Check, applyTo: string, value: unknown, at: Path): void {
  const v = obj(value);
  if (has(v, 'name') && typeof v.name !== 'string')
    return c.error(
      [...at, 'name'],
      `Envoy filter: json: cannot unmarshal ${jsonType(v.name)} into Go value of type string`,
    );
  const v2 = findV2Type(value, 0);
  if (v2)
    return c.error(
      at,
      `referenced type unknown (hint: try using the v3 XDS API): Envoy filter: could not resolve Any message type: ${v2}`,
    );
  checkFilterWrapper(c, applyTo, value, at);
}

/** The first `@type` naming a v2 Envoy API (Istio no longer knows them). */
function findV2Type(v: unknown, depth: number): string | undefined {
  if (depth > 64 || !v || typeof v !== 'object') return undefined;
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (k === '@type' && typeof x === 'string' && /\.v2(alpha)?\./.test(x)) return x;
    const inner = findV2Type(x, depth + 1);
    if (inner) return inner;
  }
  return undefined;
}
