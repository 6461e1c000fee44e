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

// host.Name.Matches and SubsetOf, one home: the webhook's (Istio's validation reads them too).
export { hostMatches, hostSubsetOf } from '../webhook/hosts';
