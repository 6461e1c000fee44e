// validateHTTPRoute (pkg/config/validation/virtualservice.go and validation.go): conflicts between
// route/redirect/directResponse/delegate, matches, headers, CORS, fault injection, mirrors, redirect,
// direct response, retries, rewrite, destinations, timeout.
import { goQuote } from '../util/goQuote';
import { obj } from '../util/json';
import { type Check, type Path, entries, has, list, n, s, wrapped } from './check';
import {
  checkDestination,
  checkDuration,
  checkGatewayNames,
  checkRouteDestinations,
  checkStringMatch,
  checkStringMatchRegexp,
  durationError,
  percentageError,
  portError,
  regexError,
} from './common';
import { durationNanos } from './durations';
import { byteLen, goFixed, HTTP_STATUS_CODES } from './go';
import {
  checkHeaderOperations,
  corsHeaderNameError,
  headerNameOrJwtClaimError,
  isAuthorityHeader,
} from './headers';
import { isDNS1123Label } from './agent';
import { checkLabels } from './hosts';

export { isJwtClaimRoute } from './headers';

const MISSING_ROUTE = 'HTTP route, redirect or direct_response is required';

export function checkHTTPRoute(
  c: Check,
  http: Record<string, unknown>,
  at: Path,
  delegate: boolean,
  gatewaySemantics: boolean,
): void {
  checkConflicts(c, http, at, delegate);
  checkMatches(c, http, at);
  checkHeaderOperations(c, http.headers, [...at, 'headers']);
  checkCors(c, http.corsPolicy, [...at, 'corsPolicy']);
  checkFault(c, http.fault, [...at, 'fault']);
  if (has(http, 'mirrorPercent')) {
    const v = wrapped(http.mirrorPercent) ?? 0;
    if (v > 100)
      c.error([...at, 'mirrorPercent'], `mirror_percent must have a max value of 100 (it has ${v})`);
    c.warn(
      [...at, 'mirrorPercent'],
      'using deprecated setting "mirrorPercent", use "mirrorPercentage" instead',
    );
  }
  if (has(http, 'mirrorPercentage')) {
    const v = n(obj(http.mirrorPercentage).value);
    if (v > 100)
      c.error(
        [...at, 'mirrorPercentage'],
        `mirror_percentage must have a max value of 100 (it has ${goFixed(v)})`,
      );
    if (v < 0)
      c.error(
        [...at, 'mirrorPercentage'],
        `mirror_percentage must have a min value of 0 (it has ${goFixed(v)})`,
      );
  }
  checkDestination(c, http.mirror, [...at, 'mirror']);
  checkMirrors(c, list(http.mirrors), [...at, 'mirrors']);
  checkRedirect(c, http.redirect, [...at, 'redirect']);
  checkDirectResponse(c, http.directResponse, [...at, 'directResponse']);
  checkRetries(c, http.retries, [...at, 'retries']);
  checkRewrite(c, http.rewrite, [...at, 'rewrite']);
  checkAuthorityRewrite(c, http, at);
  checkRouteDestinations(c, list(http.route), [...at, 'route'], gatewaySemantics, (route, path) =>
    checkHeaderOperations(c, route.headers, [...path, 'headers']),
  );
  checkDuration(c, http, 'timeout', at);
}

function checkConflicts(c: Check, http: Record<string, unknown>, at: Path, delegate: boolean): void {
  const routes = list(http.route);
  if (!delegate && has(http, 'delegate')) {
    // A root route may only delegate.
    if (has(http, 'redirect'))
      c.error([...at, 'redirect'], `root HTTP route ${s(http.name)} must not specify redirect`);
    if (routes.length) c.error([...at, 'route'], `root HTTP route ${s(http.name)} must not specify route`);
    return;
  }
  if (delegate && has(http, 'delegate'))
    c.error([...at, 'delegate'], 'delegate HTTP route cannot contain delegate');
  if (has(http, 'redirect')) {
    const r = [...at, 'redirect'];
    if (routes.length) c.error(r, 'HTTP route cannot contain both route and redirect');
    if (has(http, 'fault')) c.error(r, 'HTTP route cannot contain both fault and redirect');
    if (has(http, 'rewrite')) c.error(r, 'HTTP route rule cannot contain both rewrite and redirect');
    if (has(http, 'directResponse'))
      c.error(r, 'HTTP route rule cannot contain both direct_response and redirect');
    if (s(obj(http.redirect).prefixRewrite) !== '') {
      const nonPrefix = list(http.match).some((m) => {
        const uri = obj(obj(m).uri);
        return has(obj(m), 'uri') && !has(uri, 'prefix');
      });
      if (nonPrefix) c.error(r, 'redirect prefix_rewrite requires all URI matches to use prefix match type');
    }
  } else if (has(http, 'directResponse')) {
    const d = [...at, 'directResponse'];
    if (routes.length) c.error(d, 'HTTP route cannot contain both route and direct_response');
    if (has(http, 'fault')) c.error(d, 'HTTP route cannot contain both fault and direct_response');
    if (has(http, 'rewrite')) c.error(d, 'HTTP route rule cannot contain both rewrite and direct_response');
  } else if (routes.length === 0) {
    c.error(at, MISSING_ROUTE, { fix: 'addRoute', path: at, host: s(list(obj(c.input.spec).hosts)[0]) });
  }
  if (has(http, 'mirror') && list(http.mirrors).length)
    c.error([...at, 'mirrors'], 'HTTP route cannot contain both mirror and mirrors');
}

function checkMatches(c: Check, http: Record<string, unknown>, at: Path): void {
  const matches = list(http.match);
  matches.forEach((raw, i) => {
    if (raw === null || raw === undefined) return;
    const m = obj(raw);
    const path = [...at, 'match', i];
    for (const [name, header] of entries(m.headers)) {
      const hp = [...path, 'headers', name];
      if (header === null) c.error(hp, `header match ${name} cannot be null`);
      c.error(hp, headerNameOrJwtClaimError(name));
      checkStringMatch(c, header, hp, 'headers');
    }
    for (const [name, header] of entries(m.withoutHeaders)) {
      const hp = [...path, 'withoutHeaders', name];
      c.error(hp, headerNameOrJwtClaimError(name));
      // `*` is not a regex: Istio translates it to a presence match.
      if (header !== null && s(obj(header).regex) !== '*') checkStringMatch(c, header, hp, 'withoutHeaders');
    }
    // An empty uri prefix is allowed (Envoy accepts it); scheme, method and authority may not be empty.
    checkStringMatchRegexp(c, m.uri, [...path, 'uri'], 'uri');
    for (const f of ['scheme', 'method', 'authority']) checkStringMatch(c, m[f], [...path, f], f);
    for (const [name, qp] of entries(m.queryParams))
      checkStringMatch(c, qp, [...path, 'queryParams', name], 'queryParams');
  });
  matches.forEach((raw, i) => {
    if (raw === null || raw === undefined) return;
    const m = obj(raw);
    const path = [...at, 'match', i];
    if (n(m.port) !== 0) c.error([...path, 'port'], portError(n(m.port)));
    checkLabels(c, [...path, 'sourceLabels'], m.sourceLabels);
    checkGatewayNames(c, list(m.gateways), [...path, 'gateways'], false);
    const ns = s(m.sourceNamespace);
    if (ns !== '' && !isDNS1123Label(ns))
      c.error([...path, 'sourceNamespace'], `sourceNamespace match ${ns} is invalid`);
  });
}

const CORS_METHODS = new Set([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  '*',
]);

function checkCors(c: Check, raw: unknown, at: Path): void {
  if (raw === undefined || raw === null) return;
  const p = obj(raw);
  list(p.allowOrigins).forEach((o, i) => {
    const origin = obj(o);
    const match = s(origin.exact ?? origin.prefix ?? origin.regex);
    const path = [...at, 'allowOrigins', i];
    if (match === '') return c.error(path, `'${match}' is not a valid match type for CORS allow origins`);
    checkStringMatchRegexp(c, origin, path, 'corsPolicy.allowOrigins');
  });
  list(p.allowMethods).forEach((m, i) => {
    if (!CORS_METHODS.has(s(m)))
      c.error([...at, 'allowMethods', i], `${goQuote(s(m))} is not a supported HTTP method`);
  });
  for (const f of ['allowHeaders', 'exposeHeaders'])
    list(p[f]).forEach((h, i) => c.error([...at, f, i], corsHeaderNameError(s(h))));
  if (has(p, 'maxAge')) {
    c.error([...at, 'maxAge'], durationError(p.maxAge));
    const ns = durationNanos(p.maxAge);
    if (ns !== undefined && ns % 1_000_000_000n !== 0n)
      c.error([...at, 'maxAge'], 'max_age duration is accurate only to seconds precision');
  }
}

const GRPC_STATUS = new Set(
  'OK CANCELLED UNKNOWN INVALID_ARGUMENT DEADLINE_EXCEEDED NOT_FOUND ALREADY_EXISTS PERMISSION_DENIED RESOURCE_EXHAUSTED FAILED_PRECONDITION ABORTED OUT_OF_RANGE UNIMPLEMENTED INTERNAL UNAVAILABLE DATA_LOSS UNAUTHENTICATED'.split(
    ' ',
  ),
);

const httpStatusError = (status: number): string | null =>
  status < 200 || status > 600 ? `HTTP status ${status} is not in range 200-599` : null;

function checkFault(c: Check, raw: unknown, at: Path): void {
  if (raw === undefined || raw === null) return;
  const f = obj(raw);
  if (!has(f, 'abort') && !has(f, 'delay'))
    c.error(at, 'HTTP fault injection must have an abort and/or a delay');
  if (has(f, 'abort')) {
    const a = obj(f.abort);
    const p = [...at, 'abort'];
    c.error([...p, 'percentage'], percentageError(a.percentage));
    if (has(a, 'grpcStatus')) {
      const st = s(a.grpcStatus);
      if (!GRPC_STATUS.has(st))
        c.error(
          [...p, 'grpcStatus'],
          `gRPC status ${goQuote(st)} is not supported. See https://github.com/grpc/grpc/blob/master/doc/statuscodes.md for a list of supported codes, for example 'NOT_FOUND'`,
        );
    } else if (has(a, 'http2Error'))
      c.error([...p, 'http2Error'], 'HTTP/2 abort fault injection not supported yet');
    else if (has(a, 'httpStatus')) c.error([...p, 'httpStatus'], httpStatusError(n(a.httpStatus)));
    else c.warn(p, 'abort configured, but error type not set');
  }
  if (has(f, 'delay')) {
    const d = obj(f.delay);
    const p = [...at, 'delay'];
    c.error([...p, 'percentage'], percentageError(d.percentage));
    if (has(d, 'fixedDelay')) c.error([...p, 'fixedDelay'], durationError(d.fixedDelay));
    else if (has(d, 'exponentialDelay')) {
      c.error([...p, 'exponentialDelay'], durationError(d.exponentialDelay));
      c.error([...p, 'exponentialDelay'], 'exponentialDelay not supported yet');
    }
  }
}

function checkMirrors(c: Check, mirrors: unknown[], at: Path): void {
  mirrors.forEach((raw, i) => {
    const p = [...at, i];
    if (raw === null || raw === undefined) return c.error(p, 'mirror cannot be null');
    const m = obj(raw);
    if (!has(m, 'destination')) return c.error(p, 'destination is required for mirrors');
    checkDestination(c, m.destination, [...p, 'destination']);
    if (has(m, 'percentage')) {
      const v = n(obj(m.percentage).value);
      if (v > 100)
        c.error(
          [...p, 'percentage'],
          `mirror percentage must have a max value of 100 (it has ${goFixed(v)})`,
        );
      if (v < 0)
        c.error([...p, 'percentage'], `mirror percentage must have a min value of 0 (it has ${goFixed(v)})`);
    }
  });
}

function checkRedirect(c: Check, raw: unknown, at: Path): void {
  if (raw === undefined || raw === null) return;
  const r = obj(raw);
  const hasPort = has(r, 'port') || has(r, 'derivePort');
  if (s(r.uri) === '' && s(r.authority) === '' && !hasPort && s(r.scheme) === '' && s(r.prefixRewrite) === '')
    return c.error(at, 'redirect must specify URI, authority, scheme, or port');
  if (s(r.uri) !== '' && s(r.prefixRewrite) !== '')
    return c.error(at, 'redirect may only specify one of uri or prefix_rewrite');
  const code = n(r.redirectCode);
  if (code !== 0 && (code < 300 || code > 399))
    return c.error([...at, 'redirectCode'], `${code} is not a valid redirect code, must be 3xx`);
  const scheme = s(r.scheme);
  if (scheme !== '' && scheme !== 'http' && scheme !== 'https')
    return c.error([...at, 'scheme'], 'invalid redirect scheme, must be "http" or "https"');
  if (n(r.port) > 0) c.error([...at, 'port'], portError(n(r.port)));
}

const KB = 1024;
const MB = 1024 * KB;

function checkDirectResponse(c: Check, raw: unknown, at: Path): void {
  if (raw === undefined || raw === null) return;
  const d = obj(raw);
  if (has(d, 'body')) {
    const body = obj(d.body);
    const size = has(body, 'string')
      ? byteLen(s(body.string))
      : has(body, 'bytes')
        ? base64Size(s(body.bytes))
        : 0;
    if (size > MB)
      c.error(
        [...at, 'body'],
        'large direct_responses may impact control plane performance, must be less than 1MB',
      );
    else if (size > 100 * KB)
      c.warn([...at, 'body'], 'large direct_responses may impact control plane performance');
  }
  c.error([...at, 'status'], httpStatusError(n(d.status)));
}

function base64Size(b: string): number {
  const clean = b.replace(/[\s=]/g, '');
  return Math.floor((clean.length * 3) / 4);
}

const RETRY_ON = new Set(
  '5xx gateway-error reset reset-before-request connect-failure retriable-4xx refused-stream retriable-status-codes retriable-headers envoy-ratelimited http3-post-connect-failure cancelled deadline-exceeded internal resource-exhausted unavailable'.split(
    ' ',
  ),
);

function checkRetries(c: Check, raw: unknown, at: Path): void {
  if (raw === undefined || raw === null) return;
  const r = obj(raw);
  const attempts = n(r.attempts);
  if (attempts < 0) c.error([...at, 'attempts'], 'attempts cannot be negative');
  if (attempts === 0 && (has(r, 'perTryTimeout') || s(r.retryOn) !== '' || has(r, 'retryRemoteLocalities')))
    c.error(at, 'http retry policy configured when attempts are set to 0 (disabled)');
  checkDuration(c, r, 'perTryTimeout', at);
  if (s(r.retryOn) !== '')
    for (const policy of s(r.retryOn).split(',')) {
      const code = /^[+-]?\d+$/.test(policy) ? Number(policy) : 0;
      if (!HTTP_STATUS_CODES.has(code) && !RETRY_ON.has(policy))
        c.error([...at, 'retryOn'], `${goQuote(policy)} is not a valid retryOn policy`);
    }
  checkDuration(c, r, 'backoff', at);
}

function checkRewrite(c: Check, raw: unknown, at: Path): void {
  if (raw === undefined || raw === null) return;
  const r = obj(raw);
  const hasRegex = has(r, 'uriRegexRewrite');
  if (s(r.uri) !== '' && hasRegex)
    return c.error(at, 'rewrite may only contain one of URI or UriRegexRewrite');
  if (s(r.uri) === '' && !hasRegex && s(r.authority) === '')
    return c.error(
      at,
      'rewrite must specify at least one of URI, UriRegexRewrite, or authority. Only one of URI or UriRegexRewrite may be specified',
    );
  if (!hasRegex) return;
  const rr = obj(r.uriRegexRewrite);
  const err =
    s(rr.match) === '' || s(rr.rewrite) === ''
      ? 'UriRegexRewrite requires both Rewrite and Match fields to be specified'
      : regexError(s(rr.match), 'HTTPRewrite.UriRegexRewrite.Match');
  // errors.Join: both lines in one message.
  if (err) c.error([...at, 'uriRegexRewrite'], `UriRegexRewrite has errors\n${err}`);
}

/** validateAuthorityRewrite: the authority is rewritten in one place at most. */
function checkAuthorityRewrite(c: Check, http: Record<string, unknown>, at: Path): void {
  let current = s(obj(http.rewrite).authority);
  const request = obj(obj(http.headers).request);
  for (const op of ['set', 'add'])
    for (const [k, v] of entries(request[op])) {
      if (!isAuthorityHeader(k)) continue;
      if (current !== '')
        return c.error(
          [...at, 'headers', 'request', op, k],
          `authority header cannot be set multiple times: have ${goQuote(current)}, attempting to set ${goQuote(s(v))}`,
        );
      current = s(v);
    }
}
