// ValidateRequestAuthentication (pkg/config/validation): selection, then every JWT rule (issuer or
// jwksUri, jwksUri parse, inline jwks JSON, token locations, claim-to-header outputs, timeout).
import { goQuote } from '../util/goQuote';
import { parseGoUrl, port } from '../util/go-url';
import { arr, isObj, obj, str } from '../util/json';
import { Collector, forEachSet, isSet, type SpecPath } from './collect';
import { checkSelection } from './selector';
import { goJsonSyntaxError } from './security/gojson';
import { protoDurationError } from './durations';
import type { KindValidator } from './types';

const HEADER_NAME = /^[-_A-Za-z0-9]+$/;

export const validateRequestAuthentication: KindValidator = (input, out) => {
  const spec = obj(input.spec);
  const c = new Collector(input, out);
  checkSelection(spec, c);
  forEachSet(spec.jwtRules, 'jwtRules', (rule, at) => checkJwtRule(rule, at, c));
};

function checkJwtRule(rule: Record<string, unknown>, at: SpecPath, c: Collector): void {
  arr(rule.audiences).forEach((a, j) => {
    if (str(a) === '') c.error('audience must be non-empty string', [...at, 'audiences', j]);
  });
  const issuer = str(rule.issuer);
  const jwksUri = str(rule.jwksUri);
  if (issuer === '' && jwksUri === '') c.error('issuer or jwksUri must be non-empty string', at);
  if (jwksUri !== '') {
    const e = jwksUriError(jwksUri);
    if (e) c.error(e, [...at, 'jwksUri']);
  }
  const jwks = str(rule.jwks);
  if (jwks !== '') checkJwks(jwks, [...at, 'jwks'], c);
  arr(rule.fromHeaders).forEach((h, j) => {
    if (!isSet(h)) c.error('location header name must be non-null', [...at, 'fromHeaders', j]);
    else if (str(obj(h).name) === '')
      c.error('location header name must be non-empty string', [...at, 'fromHeaders', j]);
  });
  arr(rule.fromParams).forEach((p, j) => {
    if (str(p) === '') c.error('location query must be non-empty string', [...at, 'fromParams', j]);
  });
  arr(rule.fromCookies).forEach((p, j) => {
    if (str(p) === '') c.error('cookie name must be non-empty string', [...at, 'fromCookies', j]);
  });
  arr(rule.outputClaimToHeaders).forEach((o, j) => {
    const where = [...at, 'outputClaimToHeaders', j];
    if (!isSet(o)) return c.error('outputClaimToHeaders must not be null', where);
    const header = str(obj(o).header);
    if (str(obj(o).claim) === '' || header === '')
      return c.error('outputClaimToHeaders header and claim value must be non-empty string', where);
    if (!HEADER_NAME.test(header))
      c.error(`header name ${header} is not a valid header name`, [...where, 'header']);
  });
  if (isSet(rule.timeout)) {
    const e = protoDurationError(rule.timeout);
    if (e) c.error(e, [...at, 'timeout']);
  }
}

/** security.ParseJwksURI: url.Parse, an http(s) scheme, a numeric port. */
export function jwksUriError(uri: string): string | undefined {
  const u = parseGoUrl(uri, false);
  if (typeof u === 'string') return u;
  if (u.scheme !== 'http' && u.scheme !== 'https') return `URI scheme ${goQuote(u.scheme)} is not supported`;
  const p = port(u);
  // strconv.Atoi on the port: only a value beyond int64 fails after url.Parse accepted the digits.
  if (p !== '' && BigInt(p) > 9223372036854775807n)
    return `strconv.Atoi: parsing ${goQuote(p)}: value out of range`;
  return undefined;
}

/** jwk.Parse on the inline key set: Go's JSON errors; a private key is only a warning. */
function checkJwks(jwks: string, at: SpecPath, c: Collector): void {
  const syntax = goJsonSyntaxError(jwks);
  if (syntax) return c.error(`jwks parse error: failed to unmarshal JWK set: ${syntax}`, at);
  const set: unknown = JSON.parse(jwks);
  if (!isObj(set)) return c.error('jwks parse error: failed to unmarshal JWK set: not a JSON object', at);
  const keys = Array.isArray(set.keys) ? set.keys : [set];
  keys.forEach((k, i) => {
    if (isObj(k) && ['RSA', 'EC', 'OKP'].includes(str(k.kty)) && 'd' in k)
      c.warning(
        `jwks key at index ${i} contains private key material; only public keys are used for verification`,
        at,
      );
  });
}
