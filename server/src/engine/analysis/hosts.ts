// Host names the way Istio resolves them: a short name is relative to the namespace of the config
// that wrote it, and becomes `name.ns.svc.<domain>`. Wildcards and dotted names stay as written.

export const DEFAULT_DOMAIN_SUFFIX = 'cluster.local';

/** Istio's ConvertHostToFQDN: `reviews` in `bookinfo` → `reviews.bookinfo.svc.cluster.local`. */
export function fqdn(host: string, ns: string, domainSuffix = DEFAULT_DOMAIN_SUFFIX): string {
  if (host.startsWith('*') || host.includes('.')) return host;
  return `${host}.${ns}.svc.${domainSuffix}`;
}

/** The FQDN of a Kubernetes Service. */
export function serviceFqdn(name: string, ns: string, domainSuffix = DEFAULT_DOMAIN_SUFFIX): string {
  return `${name}.${ns}.svc.${domainSuffix}`;
}

/** Istio's host.Name.Matches: `a` matches `b` when `b` (possibly a wildcard) covers `a`, or vice versa for wildcards. */
export function hostMatches(a: string, b: string): boolean {
  const aw = a.startsWith('*');
  const bw = b.startsWith('*');
  if (aw) {
    if (bw) return a.length > b.length ? a.endsWith(b.slice(1)) : b.endsWith(a.slice(1));
    return b.endsWith(a.slice(1));
  }
  if (bw) return a.endsWith(b.slice(1));
  return a === b;
}

/** Istio's host.Name.SubsetOf: every host matched by `a` is matched by `b`. */
export function hostSubsetOf(a: string, b: string): boolean {
  if (b.startsWith('*')) {
    if (a.startsWith('*')) return a.slice(1).endsWith(b.slice(1));
    return a.endsWith(b.slice(1));
  }
  return !a.startsWith('*') && a === b;
}
