// Checks several kinds share (pkg/config/validation/validation.go): ports, durations, destinations,
// exportTo, gateway names, string matches, workload selectors.
import { goQuote } from '../util/goQuote';
import { obj, type Obj } from '../util/json';
import { type Check, type Path, entries, has, list, n, s } from './check';
import { isDNS1123Label, validateFQDN, validatePort, validateWildcardDomain } from './agent';
import { protoDurationError } from './durations';
import { APPLY_NAMESPACE, ownNamespace } from './input';
import { byteLen, goFloat } from './go';
import { re2Error } from './re2';

export const portError = validatePort;
export const durationError = protoDurationError;

/** Checks a duration field when it is set. */
export function checkDuration(c: Check, o: Record<string, unknown>, key: string, at: Path): void {
  if (has(o, key)) c.error([...at, key], durationError(o[key]));
}

export { validateIPAddress as ipError, validateIPSubnet as subnetError } from './agent';

/** ValidateUnixAddress */
export function unixAddressError(addr: string): string | null {
  if (addr.length === 0) return 'unix address must not be empty';
  if (addr.startsWith('@')) return null;
  return !addr.startsWith('/') || addr.endsWith('/') ? `${addr} is not an absolute path to a file` : null;
}

/** validatePercentage (networking.Percent). */
export function percentageError(p: unknown): string | null {
  if (p === undefined || p === null) return null;
  const v = n(obj(p).value);
  return v < 0 || v > 100 || (v > 0 && v < 0.0001)
    ? `percentage ${goFloat(v)} is neither 0.0, nor in range [0.0001, 100.0]`
    : null;
}

/** ValidatePercent (int32). */
export const percentError = (v: number): string | null =>
  v < 0 || v > 100 ? `percentage ${v} is not in range 0..100` : null;

/** validateSubsetName */
export function subsetNameError(name: string): string | null {
  if (name.length === 0) return 'subset name cannot be empty';
  return isDNS1123Label(name) ? null : `subset name is invalid: ${name}`;
}

/** validateDestination */
export function checkDestination(c: Check, d: unknown, at: Path): void {
  if (d === undefined || d === null) return;
  const dest = obj(d);
  const host = s(dest.host);
  if (host === '*') c.error([...at, 'host'], `invalid destination host ${host}`);
  else c.error([...at, 'host'], validateWildcardDomain(host));
  if (s(dest.subset) !== '') c.error([...at, 'subset'], subsetNameError(s(dest.subset)));
  if (has(dest, 'port')) c.error([...at, 'port'], portError(n(obj(dest.port).number)));
}

/** validateRouteDestinations / validateHTTPRouteDestinations (the header checks are the caller's). */
export function checkRouteDestinations(
  c: Check,
  routes: unknown[],
  at: Path,
  gatewaySemantics: boolean,
  each?: (route: Record<string, unknown>, path: Path) => void,
): void {
  let total = 0;
  routes.forEach((r, i) => {
    const path = [...at, i];
    if (r === null || r === undefined) return c.error(path, 'weight may not be nil');
    const route = obj(r);
    if (!has(route, 'destination')) c.error(path, 'destination is required');
    each?.(route, path);
    if (!gatewaySemantics) checkDestination(c, route.destination, [...path, 'destination']);
    const w = n(route.weight);
    if (w < 0) c.error([...path, 'weight'], `weight ${w} < 0`);
    total += w;
  });
  if (routes.length > 1 && total === 0) c.error(at, 'total destination weight = 0');
}

/** validateGatewayNames */
export function checkGatewayNames(c: Check, names: unknown[], at: Path, gatewaySemantics: boolean): void {
  for (let i = 0; i < names.length; i++) {
    const name = s(names[i]);
    const path = [...at, i];
    const slash = name.indexOf('/');
    if (slash < 0) {
      if (name.includes('.')) {
        const parts = name.split('.');
        c.warn(
          path,
          `using legacy gatewayName format ${goQuote(name)}; prefer the <namespace>/<name> format: ${goQuote(`${parts[1]}/${parts[0]}`)}`,
        );
      }
      c.error(path, validateFQDN(name));
      return; // Istio stops at the first name without a namespace
    }
    const [ns, gw] = [name.slice(0, slash), name.slice(slash + 1)];
    if (ns.length === 0 || gw.length === 0)
      c.error(path, 'config namespace and gateway name cannot be empty');
    if (!isDNS1123Label(ns)) c.error(path, `invalid value for namespace: ${goQuote(ns)}`);
    if (!isDNS1123Label(gw) && !gatewaySemantics)
      c.error(path, `invalid value for gateway name: ${goQuote(gw)}`);
  }
}

/** validateStringRegexp: length limit and RE2 syntax. */
export function regexError(re: string, where: string): string | null {
  if (byteLen(re) > 1024) return `${goQuote(where)}: regex is too large, max length allowed is 1024`;
  const err = re2Error(re);
  return err
    ? `${goQuote(where)}: ${err}; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)`
    : null;
}

/** validateStringMatchRegexp: only the regex variant is checked. */
export function checkStringMatchRegexp(c: Check, sm: unknown, at: Path, where: string): void {
  const m = obj(sm);
  if (!has(m, 'regex')) return;
  const re = s(m.regex);
  if (re === '')
    return c.error([...at, 'regex'], `${goQuote(where)}: regex string match should not be empty`);
  c.error([...at, 'regex'], regexError(re, where));
}

/** validateStringMatch: a prefix may not be empty, a regex must compile. */
export function checkStringMatch(c: Check, sm: unknown, at: Path, where: string): void {
  const m = obj(sm);
  if (has(m, 'prefix') && s(m.prefix) === '')
    return c.error([...at, 'prefix'], `${goQuote(where)}: prefix string match should not be empty`);
  checkStringMatchRegexp(c, sm, at, where);
}

/** validateExportTo */
export function checkExportTo(
  c: Check,
  exportTo: unknown[],
  at: Path,
  isServiceEntry: boolean,
  isDestinationRuleWithSelector: boolean,
): void {
  if (exportTo.length === 0) return;
  // Without metadata.namespace, `.` is whichever namespace the manifest is applied to: it equals only `.`.
  const ns = ownNamespace(c.input);
  const set = new Set<string>();
  exportTo.forEach((raw, i) => {
    const e = s(raw);
    const key = e === '.' ? ns : e;
    if (set.has(key)) {
      c.error(
        [...at, i],
        key !== e && c.input.namespaceKnown
          ? `duplicate entries in exportTo: . and current namespace ${ns}`
          : `duplicate entries in exportTo for entry ${e}`,
      );
    } else if (isServiceEntry && e === '~') {
      set.add(key);
    } else {
      const err = visibilityError(key === APPLY_NAMESPACE ? e : key);
      if (err) c.error([...at, i], err);
      else set.add(key);
    }
  });
  if (isDestinationRuleWithSelector && set.size > 0) {
    // A namespace written in exportTo may be the one an unplaced manifest is applied to.
    const current = set.has(ns) || (!c.input.namespaceKnown && [...set].some(isDNS1123Label));
    if (current) {
      if (set.size > 1)
        c.error(at, 'destination rule with workload selector cannot have multiple entries in exportTo');
    } else
      c.error(at, 'destination rule with workload selector cannot have exportTo beyond current namespace');
  }
  if (set.has('*') && exportTo.length > 1)
    c.error(at, 'cannot have both public (*) and non-public exportTo values for a resource');
  if (set.has('~') && exportTo.length > 1)
    c.error(at, 'cannot export service entry to no one (~) and someone');
}

/** visibility.Instance.Validate */
function visibilityError(v: string): string | null {
  if (v === '.' || v === '*') return null;
  if (v === '~') return 'exportTo ~ (none) is not allowed for Istio configuration objects';
  return isDNS1123Label(v)
    ? null
    : `only .,*, or a valid DNS 1123 label is allowed as exportTo entry, found ${v}`;
}

/**
 * ValidateAlphaWorkloadSelector on `spec.workloadSelector` (networking.WorkloadSelector: labels): its
 * errors, and, where the kind says so (`unlabelled`: its message prefix), the warning of a selector
 * without labels. Returns false when it failed (the kind's validation stops there).
 */
export function checkAlphaWorkloadSelector(c: Check, spec: Obj, unlabelled?: string): boolean {
  const sel = spec.workloadSelector;
  if (sel === undefined || sel === null) return true;
  const at: Path = ['spec', 'workloadSelector'];
  const labels = entries(obj(sel).labels);
  let failed = false;
  for (const [k, v] of labels) {
    const pair = goQuote(`${k}=${s(v)}`);
    if (k === '') {
      c.error([...at, 'labels'], `empty key is not supported in selector: ${pair}`);
      failed = true;
    }
    if (k.includes('*') || s(v).includes('*')) {
      c.error([...at, 'labels', k], `wildcard is not supported in selector: ${pair}`);
      failed = true;
    }
  }
  if (!failed && unlabelled) warnUnlabelledSelector(c, spec, unlabelled);
  return !failed;
}

/** Istio's warning for a workloadSelector without labels (`kind`: its message's prefix). */
export function warnUnlabelledSelector(c: Check, spec: Obj, kind: string): void {
  if (has(spec, 'workloadSelector') && entries(obj(spec.workloadSelector).labels).length === 0)
    c.warn(
      ['spec', 'workloadSelector'],
      `${kind}: workload selector specified without labels, will be applied to all services in namespace`,
    );
}

/** ValidatePortName */
export const portNameError = (name: string): string | null =>
  isDNS1123Label(name) ? null : `invalid port name: ${name}`;

export { list };
