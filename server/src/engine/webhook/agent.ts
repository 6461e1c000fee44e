// Istio's pkg/config/validation/agent helpers the mesh-config checks use (ports, DNS names, proxy
// addresses, trust domains, IP subnets), with Go's net.SplitHostPort and time.Duration texts.
import { goQuote } from '../util/goQuote';
import { parseAddrError, parsePrefixError } from './security/netip';

/** Istio's labels.IsDNS1123Label (upper case allowed, 63 characters at most). */
const DNS1123_LABEL = /^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
export const isDNS1123Label = (s: string): boolean => s.length <= 63 && DNS1123_LABEL.test(s);

export function validatePort(port: number): string | undefined {
  return port >= 1 && port <= 65535 ? undefined : `port number ${port} must be in the range 1..65535`;
}

/** strconv.Atoi's acceptance (an optional sign, decimal digits, within int64). */
const goAtoi = (s: string): boolean => /^[+-]?[0-9]+$/.test(s) && BigInt(s) <= 9223372036854775807n;

export function checkDNS1123Preconditions(name: string): string | undefined {
  // In bytes, as Go counts; a UTF-16 unit is at most 3 of them, so short names need no encoding.
  if (name.length > 85 && new TextEncoder().encode(name).length > 255)
    return `domain name ${goQuote(name)} too long (max 255)`;
  if (name === '') return 'empty domain name not allowed';
  return undefined;
}

function validateDNS1123Labels(domain: string): string | undefined {
  const parts = domain.split('.');
  const top = parts[parts.length - 1];
  if (goAtoi(top))
    return `domain name ${goQuote(domain)} invalid (top level domain ${goQuote(top)} cannot be all-numeric)`;
  for (let i = 0; i < parts.length; i++) {
    if (i === parts.length - 1 && parts[i] === '') return undefined;
    if (!isDNS1123Label(parts[i]))
      return `domain name ${goQuote(domain)} invalid (label ${goQuote(parts[i])} invalid)`;
  }
  return undefined;
}

export function validateFQDN(fqdn: string): string | undefined {
  return checkDNS1123Preconditions(fqdn) ?? validateDNS1123Labels(fqdn);
}

const WILDCARD_LABEL = /^(?:\*|(?:\*|\*-)?[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)$/;

/** ValidateWildcardDomain: an FQDN whose first label may be a wildcard. */
export function validateWildcardDomain(domain: string): string | undefined {
  const pre = checkDNS1123Preconditions(domain);
  if (pre) return pre;
  const dot = domain.indexOf('.');
  const first = dot < 0 ? domain : domain.slice(0, dot);
  if (!(first.length <= 63 && WILDCARD_LABEL.test(first)))
    return `domain name ${goQuote(domain)} invalid (label ${goQuote(first)} invalid)`;
  return dot < 0 ? undefined : validateDNS1123Labels(domain.slice(dot + 1));
}

export const isValidIPAddress = (s: string): boolean => parseAddrError(s) === undefined;

/** net.SplitHostPort's error, Go's *net.AddrError text. */
export function splitHostPortError(hostport: string): string | undefined {
  const fail = (why: string): string => (hostport ? `address ${hostport}: ${why}` : why);
  const i = hostport.lastIndexOf(':');
  if (i < 0) return fail('missing port in address');
  let j = 0,
    k = 0;
  if (hostport[0] === '[') {
    const end = hostport.indexOf(']');
    if (end < 0) return fail("missing ']' in address");
    if (end + 1 === hostport.length) return fail('missing port in address');
    if (end + 1 !== i)
      return fail(hostport[end + 1] === ':' ? 'too many colons in address' : 'missing port in address');
    j = 1;
    k = end + 1;
  } else if (hostport.slice(0, i).includes(':')) return fail('too many colons in address');
  if (hostport.slice(j).includes('[')) return fail("unexpected '[' in address");
  if (hostport.slice(k).includes(']')) return fail("unexpected ']' in address");
  return undefined;
}

/** ValidateProxyAddress: host:port with a valid port and a hostname or IP. */
export function validateProxyAddress(hostAddr: string): string | undefined {
  const split = splitHostPortError(hostAddr);
  if (split) return `unable to split ${goQuote(hostAddr)}: ${split}`;
  const colon = hostAddr.lastIndexOf(':');
  let host = hostAddr.slice(0, colon);
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  const p = hostAddr.slice(colon + 1);
  if (!goAtoi(p)) {
    const why = /^[+-]?[0-9]+$/.test(p) ? 'value out of range' : 'invalid syntax';
    return `port (${p}) is not a number: strconv.Atoi: parsing ${goQuote(p)}: ${why}`;
  }
  const portErr = validatePort(Number(p));
  if (portErr) return portErr;
  if (validateFQDN(host) && !isValidIPAddress(host))
    return `${goQuote(host)} is not a valid hostname or an IP address`;
  return undefined;
}

export function validateTrustDomain(domain: string): string | undefined {
  if (domain === '') return 'empty domain name not allowed';
  const parts = domain.split('.');
  for (let i = 0; i < parts.length; i++) {
    if (i === parts.length - 1 && parts[i] === '') return undefined;
    if (!isDNS1123Label(parts[i])) return `trust domain name ${goQuote(domain)} invalid`;
  }
  return undefined;
}

export function validateIPAddress(addr: string): string | undefined {
  return isValidIPAddress(addr) ? undefined : `${addr} is not a valid IP`;
}

/** ValidateIPSubnet: a CIDR (exactly one slash) or an address. */
export function validateIPSubnet(subnet: string): string | undefined {
  if (subnet.split('/').length === 2)
    return parsePrefixError(subnet) ? `${subnet} is not a valid CIDR block` : undefined;
  return validateIPAddress(subnet);
}

/** Go's time.Duration.String() for a count of nanoseconds. */
export function goDurationString(ns: bigint): string {
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  let u = neg ? -ns : ns;
  const sign = neg ? '-' : '';
  const frac = (v: bigint, digits: number): string => {
    const s = v.toString().padStart(digits, '0').replace(/0+$/, '');
    return s ? `.${s}` : '';
  };
  if (u < 1_000_000_000n) {
    if (u < 1000n) return `${sign}${u}ns`;
    if (u < 1_000_000n) return `${sign}${u / 1000n}${frac(u % 1000n, 3)}µs`;
    return `${sign}${u / 1_000_000n}${frac(u % 1_000_000n, 6)}ms`;
  }
  const secs = `${(u / 1_000_000_000n) % 60n}${frac(u % 1_000_000_000n, 9)}s`;
  u /= 1_000_000_000n;
  const mins = u / 60n;
  if (mins === 0n) return `${sign}${secs}`;
  const hours = mins / 60n;
  return hours === 0n ? `${sign}${mins}m${secs}` : `${sign}${hours}h${mins % 60n}m${secs}`;
}
