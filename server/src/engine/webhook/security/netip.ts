// Go's net/netip parsing (ParseAddr, ParsePrefix) with its exact error texts: Istio's
// AuthorizationPolicy checks print them ("bad CIDR range (...): netip.ParsePrefix(...): ...").
import { goQuote } from '../../util/goQuote';

/** The error netip.ParseAddr returns for `s`, or undefined when it parses. */
export function parseAddrError(s: string): string | undefined {
  for (const c of s) {
    if (c === '.') return parseIPv4(s);
    if (c === ':') return parseIPv6(s);
    if (c === '%') return addrError(s, 'missing IPv6 address');
  }
  return addrError(s, 'unable to parse IP');
}

/** The error netip.ParsePrefix returns for `s`, or undefined when it parses. */
export function parsePrefixError(s: string): string | undefined {
  const fail = (msg: string): string => `netip.ParsePrefix(${goQuote(s)}): ${msg}`;
  const slash = s.lastIndexOf('/');
  if (slash < 0) return fail("no '/'");
  const addr = s.slice(0, slash);
  const err = parseAddrError(addr);
  if (err) return fail(err);
  const v6 = addr.includes(':');
  if (v6 && addr.includes('%')) return fail('IPv6 zones cannot be present in a prefix');
  const bits = s.slice(slash + 1);
  // Go refuses a sign and leading zeros, and anything strconv.Atoi refuses.
  if ((bits.length > 1 && !/^[1-9]/.test(bits)) || !/^[+-]?[0-9]+$/.test(bits))
    return fail(`bad bits after slash: ${goQuote(bits)}`);
  const n = Number(bits);
  if (n < 0 || n > (v6 ? 128 : 32)) return fail('prefix length out of range');
  return undefined;
}

function addrError(input: string, msg: string, at?: string): string {
  const where = at ? ` (at ${goQuote(at)})` : '';
  return `ParseAddr(${goQuote(input)}): ${msg}${where}`;
}

/** IPv4 dotted quad (the fields of in[start, end)); reports errors against the whole input. */
function parseIPv4(input: string, start = 0, end = input.length): string | undefined {
  const s = input.slice(start, end);
  let val = 0,
    pos = 0,
    digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c >= '0' && c <= '9') {
      if (digits === 1 && val === 0) return addrError(input, 'IPv4 field has octet with leading zero');
      val = val * 10 + Number(c);
      digits++;
      if (val > 255) return addrError(input, 'IPv4 field has value >255');
    } else if (c === '.') {
      if (i === 0 || i === s.length - 1 || s[i - 1] === '.')
        return addrError(input, 'IPv4 field must have at least one digit', s.slice(i));
      if (pos === 3) return addrError(input, 'IPv4 address too long');
      pos++;
      val = 0;
      digits = 0;
    } else return addrError(input, 'unexpected character', s.slice(i));
  }
  if (pos < 3) return addrError(input, 'IPv4 address too short');
  return undefined;
}

const hexVal = (c: string): number => (/^[0-9a-fA-F]$/.test(c) ? parseInt(c, 16) : -1);

function parseIPv6(input: string): string | undefined {
  let s = input;
  let zone = '';
  const pct = s.indexOf('%');
  if (pct >= 0) {
    zone = s.slice(pct + 1);
    s = s.slice(0, pct);
    if (zone === '') return addrError(input, 'zone must be a non-empty string');
  }
  let ellipsis = -1;
  if (s.startsWith('::')) {
    ellipsis = 0;
    s = s.slice(2);
    if (s === '') return undefined;
  }
  let i = 0;
  while (i < 16) {
    let off = 0,
      acc = 0;
    for (; off < s.length; off++) {
      const h = hexVal(s[off]);
      if (h < 0) break;
      acc = acc * 16 + h;
      if (off > 3) return addrError(input, 'each colon-separated field must have at most 4 hex digits', s);
      if (acc > 0xffff) return addrError(input, 'IPv6 field has value >=2^16', s);
    }
    if (off === 0) return addrError(input, 'each colon-separated field must have at least one digit', s);
    if (off < s.length && s[off] === '.') {
      if (ellipsis < 0 && i !== 12)
        return addrError(input, 'embedded IPv4 address must replace the final 2 fields of the address', s);
      if (i + 4 > 16)
        return addrError(input, 'too many hex fields to fit an embedded IPv4 at the end of the address', s);
      const end = input.length - (zone ? zone.length + 1 : 0);
      const e = parseIPv4(input, end - s.length, end);
      if (e) return e;
      s = '';
      i += 4;
      break;
    }
    i += 2;
    s = s.slice(off);
    if (s === '') break;
    if (s[0] !== ':') return addrError(input, 'unexpected character, want colon', s);
    if (s.length === 1) return addrError(input, 'colon must be followed by more characters', s);
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) return addrError(input, 'multiple :: in address', s);
      ellipsis = i;
      s = s.slice(1);
      if (s === '') break;
    }
  }
  if (s !== '') return addrError(input, 'trailing garbage after address', s);
  if (i < 16) {
    if (ellipsis < 0) return addrError(input, 'address string too short');
  } else if (ellipsis >= 0) return addrError(input, 'the :: must expand to at least one field of zeros', s);
  return undefined;
}
