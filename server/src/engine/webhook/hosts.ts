// Istio's host-name checks beyond agent.ts (gateway-bound and SNI hosts, partial wildcards,
// `namespace/host`), host matching (pkg/config/host) and label validation (pkg/config/labels).
import { goQuote } from '../util/goQuote';
import { checkDNS1123Preconditions, isDNS1123Label, isValidIPAddress, validateWildcardDomain } from './agent';
import { byteLen } from './go';
import type { Check, Path } from './check';

const OUTBOUND_FORMAT = 'outbound_.<PORT>_._.<HOSTNAME>';

/** agent.ValidateWildcardDomainForVirtualServiceBoundToGateway: SNI hosts may be `outbound_.80_._.host`. */
export function validateGatewayBoundDomain(sni: boolean, domain: string): string | undefined {
  const pre = checkDNS1123Preconditions(domain);
  if (pre) return pre;
  if (sni && domain.startsWith('outbound_')) {
    const parts = domain.split('_');
    if (parts.length < 4) return `domain name ${domain} invalid, should follow '${OUTBOUND_FORMAT}' format`;
    const trim = (s: string): string => s.replace(/^\.+|\.+$/g, '');
    const [port, host] = [trim(parts[1]), trim(parts[3])];
    if (parts[0] !== 'outbound')
      return `domain name ${goQuote(domain)} invalid (label ${goQuote(parts[0])} invalid)`;
    if (!/[0-9]/.test(port))
      return `domain name ${goQuote(domain)} invalid (label ${goQuote(port)} invalid). should follow ${OUTBOUND_FORMAT} format`;
    if (!/[a-zA-Z]/.test(host))
      return `domain name ${goQuote(domain)} invalid (label ${goQuote(host)} invalid). should follow ${OUTBOUND_FORMAT} format`;
    return undefined;
  }
  return validateWildcardDomain(domain);
}

/** agent.ValidatePartialWildCard */
export function validatePartialWildcard(host: string): string | null {
  return host.includes('*') && host.length !== 1 && !host.startsWith('*.')
    ? `partial wildcard ${goQuote(host)} not allowed`
    : null;
}

function hostnamePart(hostname: string, isGateway: boolean): string[] {
  const errs: string[] = [];
  if (hostname !== '*' && !hostname.includes('.')) errs.push('short names (non FQDN) are not allowed');
  const err = validateWildcardDomain(hostname);
  if (err) {
    if (!isGateway) errs.push(err);
    if (!isValidIPAddress(hostname)) errs.push(err);
  }
  const partial = validatePartialWildcard(hostname);
  if (partial) errs.push(partial);
  return errs;
}

/** agent.ValidateNamespaceSlashWildcardHostname: `ns/host` of Sidecar egress and Gateway servers. */
export function validateNamespaceSlashHost(
  hostname: string,
  isGateway: boolean,
  gatewaySemantics: boolean,
): string[] {
  const slash = hostname.indexOf('/');
  if (slash < 0) return isGateway ? hostnamePart(hostname, true) : ['host must be of form namespace/dnsName'];
  const [ns, name] = [hostname.slice(0, slash), hostname.slice(slash + 1)];
  const errs: string[] = [];
  if (ns.length === 0 || name.length === 0)
    errs.push('config namespace and dnsName in host entry cannot be empty');
  if (!isGateway) {
    // `~ns/host` excludes a namespace from a wider import.
    const excluded = ns.startsWith('~') && isDNS1123Label(ns.slice(1));
    if (ns !== '*' && ns !== '.' && ns !== '~' && !excluded && !isDNS1123Label(ns))
      errs.push(`invalid namespace value ${goQuote(ns)} in sidecar`);
  } else if (ns !== '*' && ns !== '.' && (ns !== '~' || !gatewaySemantics) && !isDNS1123Label(ns)) {
    errs.push(`invalid namespace value ${goQuote(ns)} in gateway`);
  }
  return [...errs, ...hostnamePart(name, isGateway)];
}

/** host.Name.Matches: either host covers the other (wildcards). */
export function hostMatches(a: string, b: string): boolean {
  const aw = a.startsWith('*');
  const bw = b.startsWith('*');
  if (aw) {
    if (bw) return a.length < b.length ? b.endsWith(a.slice(1)) : a.endsWith(b.slice(1));
    return b.endsWith(a.slice(1));
  }
  if (bw) return a.endsWith(b.slice(1));
  return a === b;
}

/** host.Name.SubsetOf: every host `a` matches is matched by `b`. */
export function hostSubsetOf(a: string, b: string): boolean {
  const aw = a.startsWith('*');
  if (b.startsWith('*'))
    return aw ? a.length >= b.length && a.slice(1).endsWith(b.slice(1)) : a.endsWith(b.slice(1));
  return !aw && a === b;
}

const QUALIFIED = '(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const DNS_LABEL_FMT = '[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?';
const TAG_KEY = new RegExp(`^(${DNS_LABEL_FMT}(?:\\.${DNS_LABEL_FMT})*/)?(${QUALIFIED})$`);
const LABEL_VALUE = new RegExp(`^(${QUALIFIED})?$`);

/** A label error, with the key of the entry whose value is wrong (none for a key error: it is on the map). */
export interface LabelError {
  message: string;
  key?: string;
}

/** labels.Instance.Validate: each key a Kubernetes label name, each value a label value. */
export function labelErrors(labels: unknown): LabelError[] {
  if (!labels || typeof labels !== 'object' || Array.isArray(labels)) return [];
  const errs: LabelError[] = [];
  for (const [k, raw] of Object.entries(labels as Record<string, unknown>)) {
    const v =
      typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : '';
    const m = TAG_KEY.exec(k);
    if (!m) errs.push({ message: `invalid tag key: ${goQuote(k)}` });
    else if (m[1] && byteLen(m[1]) - 1 > 253)
      errs.push({ message: `invalid tag key: ${goQuote(k)} (DNS prefix is too long)` });
    else if (byteLen(m[2]) > 63) errs.push({ message: `invalid tag key: ${goQuote(k)} (name is too long)` });
    if (!LABEL_VALUE.test(v)) errs.push({ message: `invalid tag value: ${goQuote(v)}`, key: k });
  }
  return errs;
}

export const validateLabels = (labels: unknown): string[] => labelErrors(labels).map((e) => e.message);

/**
 * Reports labels.Instance.Validate's errors of the map at `at`: an invalid value on that value, where a
 * placeholder substituted before apply (`version: ${VERSION}`, a Flux postBuild variable) is seen as one
 * and made information; an invalid key on the map.
 */
export function checkLabels(c: Check, at: Path, labels: unknown): void {
  for (const e of labelErrors(labels)) c.error(e.key === undefined ? at : [...at, e.key], e.message);
}
