// Istio's pkg/config/security checks: condition keys and their values, IPs and CIDRs, ports, service
// accounts, trust domains, path templates. Each returns Istio's messages (empty when valid).
import { goQuote } from '../../util/goQuote';
import { multiErrorText } from '../collect';
import { parseAddrError, parsePrefixError } from './netip';

/** strconv.ParseUint(s, 10, 32)'s error, or undefined. */
export function parseUint32Error(s: string): string | undefined {
  if (!/^[0-9]+$/.test(s)) return `strconv.ParseUint: parsing ${goQuote(s)}: invalid syntax`;
  if (BigInt(s) > 0xffffffffn) return `strconv.ParseUint: parsing ${goQuote(s)}: value out of range`;
  return undefined;
}

export function checkEmptyValues(key: string, values: readonly string[]): string | undefined {
  return values.includes('') ? `empty value not allowed, found in ${key}` : undefined;
}

/** A message about one value of a list. */
export interface ValueProblem {
  index: number;
  message: string;
}

/** ValidateIPs: one message per bad address or CIDR. */
export function validateIPs(ips: readonly string[]): ValueProblem[] {
  const out: ValueProblem[] = [];
  ips.forEach((v, index) => {
    if (v.includes('/')) {
      const e = parsePrefixError(v);
      if (e) out.push({ index, message: `bad CIDR range (${v}): ${e}` });
    } else if (parseAddrError(v)) out.push({ index, message: `bad IP address (${v})` });
  });
  return out;
}

/** ValidatePorts: decimal, at most 65535 (Go prints a nil error as <nil>). */
export function validatePorts(ports: readonly string[]): ValueProblem[] {
  const out: ValueProblem[] = [];
  ports.forEach((p, index) => {
    const e = parseUint32Error(p);
    if (e || Number(p) > 65535) out.push({ index, message: `bad port (${p}): ${e ?? '<nil>'}` });
  });
  return out;
}

export function checkServiceAccount(key: string, values: readonly string[]): string | undefined {
  if (values.length > 16) return 'may not have more than 16 values';
  const format = "expected format 'serviceAccount' or 'namespace/serviceAccount', found";
  for (const v of values) {
    if (v === '') return `empty value not allowed, found in ${key}`;
    if (v.includes('*')) return `wildcard not allowed, found in ${key}`;
    const slashes = v.split('/').length - 1;
    if (slashes > 1) return `${format} ${goQuote(v)} in ${key}`;
    if (v.length > 320) return `value cannot exceed 320 characters, found ${goQuote(v)} in ${key}`;
    if (slashes === 1) {
      const [ns, sa] = v.split('/');
      if (ns === '') return `${format} empty namespace ${goQuote(v)} in ${key}`;
      if (sa === '') return `${format} empty serviceAccount ${goQuote(v)} in ${key}`;
    }
  }
  return undefined;
}

/** At most one `*`, and only as a prefix or suffix (trust domains). */
export function checkWildcardValues(key: string, values: readonly string[]): string | undefined {
  for (const v of values) {
    const n = v.split('*').length - 1;
    if (n > 1) return `at most one wildcard is allowed, found in ${key}: ${goQuote(v)}`;
    if (n === 1 && !v.startsWith('*') && !v.endsWith('*'))
      return `wildcard is only allowed at the start or end, found in ${key}: ${goQuote(v)}`;
  }
  return undefined;
}

export function checkTrustDomainValues(key: string, values: readonly string[]): string | undefined {
  for (const v of values)
    if (v.includes('/')) return `trust domain must not contain '/', found in ${key}: ${goQuote(v)}`;
  return undefined;
}

const MATCH_ONE = '{*}';
const MATCH_ANY = '{**}';
/** RFC 3986 pchar, as Envoy's path templates accept in literal segments. */
const VALID_LITERAL = /^[a-zA-Z0-9\-._~%!$&'()+,;:@=]+$/;

/** CheckValidPathTemplate: `{*}` and `{**}` whole segments only, `{**}` last, literal segments pchar. */
export function checkValidPathTemplate(key: string, paths: readonly string[]): string | undefined {
  for (const raw of paths) {
    const hasTemplate = raw.includes(MATCH_ONE) || raw.includes(MATCH_ANY);
    let anySeen = false;
    const path = raw.replace(/^\/+|\/+$/g, '');
    const bad = (why: string): string => `invalid or unsupported path ${path}, found in ${key}. ${why}`;
    for (const glob of path.split('/')) {
      if (glob === MATCH_ONE || glob === MATCH_ANY) {
        if (anySeen) return bad('{**} is not the last operator');
        anySeen = glob === MATCH_ANY;
        continue;
      }
      if (/[{}]/.test(glob)) return bad("Contains '{' or '}' beyond a supported path template");
      if (hasTemplate && !VALID_LITERAL.test(glob))
        return bad(`Contains segment ${glob} with invalid string literal`);
    }
  }
  return undefined;
}

function validateMapKey(key: string): string | undefined {
  const open = key.indexOf('[');
  if (key.endsWith(']') && open > 0 && open < key.length - 2) return undefined;
  return `bad key (${key}): should have format a[b]`;
}

/** Multiple errors from a helper reach the message through %v, in go-multierror's format. */
const joined = (problems: ValueProblem[]): string | undefined =>
  problems.length ? multiErrorText(problems.map((p) => p.message)) : undefined;

/** ValidateAttribute: the condition key is known and its values fit it. */
export function validateAttribute(key: string, values: readonly string[]): string | undefined {
  const empty = checkEmptyValues(key, values);
  if (empty) return empty;
  const prefixed = (p: string): boolean => key.startsWith(p);
  if (prefixed('request.headers') || prefixed('request.experimental.inline.headers'))
    return validateMapKey(key);
  switch (key) {
    case 'source.ip':
    case 'remote.ip':
    case 'destination.ip':
      return joined(validateIPs(values));
    case 'destination.port':
      return joined(validatePorts(values));
    case 'source.serviceAccount':
      return checkServiceAccount(key, values);
    case 'source.trustDomain':
      return checkWildcardValues(key, values) ?? checkTrustDomainValues(key, values);
    case 'source.namespace':
    case 'source.principal':
    case 'request.auth.principal':
    case 'request.auth.audiences':
    case 'request.auth.presenter':
    case 'connection.sni':
      return undefined;
    case 'destination.namespace':
      return `attribute ${key} is replaced by the metadata.namespace`;
    case 'destination.name':
    case 'destination.user':
      return `deprecated attribute ${key}: only supported in v1alpha1`;
  }
  if (prefixed('request.auth.claims') || prefixed('experimental.envoy.filters.')) return validateMapKey(key);
  if (prefixed('destination.labels')) return `attribute ${key} is replaced by the workload selector`;
  return `unknown attribute: ${key}`;
}
