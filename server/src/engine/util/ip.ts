// IP addresses and prefixes as Go's net/netip parses them: shared by the annotation value checks and
// CEL's isIP/isCIDR.

/** netip.ParseAddr for IPv4 (no leading zeros) and IPv6 (no zone). */
export function ipAddr(s: string): boolean {
  return ipv4(s) || ipv6(s);
}

function ipv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

function ipv6(s: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || s.includes(':::')) return false;
  let groups = s.split(':');
  // An embedded IPv4 tail counts as two groups.
  const last = groups[groups.length - 1];
  let tail = 0;
  if (last.includes('.')) {
    if (!ipv4(last)) return false;
    groups = groups.slice(0, -1);
    tail = 2;
  }
  const dbl = s.indexOf('::');
  if (dbl !== s.lastIndexOf('::')) return false;
  if (dbl >= 0) {
    const [a, b] = s.split('::');
    const left = a ? a.split(':') : [];
    const right = b ? b.split(':').filter((g) => !g.includes('.')) : [];
    if ([...left, ...right].some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return false;
    return left.length + right.length + tail <= 7;
  }
  return groups.length + tail === 8 && groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g));
}

/** netip.ParsePrefix: an address, a slash, and a prefix length within the address size. */
export function cidr(s: string): string | undefined {
  const slash = s.lastIndexOf('/');
  if (slash < 0) return `netip.ParsePrefix("${s}"): no '/'`;
  const addr = s.slice(0, slash),
    bits = s.slice(slash + 1);
  const v4 = ipv4(addr);
  if (!v4 && !ipv6(addr)) return `netip.ParsePrefix("${s}"): ParseAddr("${addr}"): invalid IP address`;
  if (!/^(0|[1-9]\d*)$/.test(bits) || Number(bits) > (v4 ? 32 : 128))
    return `netip.ParsePrefix("${s}"): bad bits after slash: "${bits}"`;
  return undefined;
}
