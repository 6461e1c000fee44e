// Services (pkg/apis/core/validation/validation.go: ValidateService, validateServicePort,
// validateServiceClusterIPsRelatedFields, validateServiceExternalTrafficPolicy) and the node-port
// allocator's range check, which a create (and a server dry run) also applies.
import type { ErrorList } from './field';
import { validateLabels } from './meta';
import {
  cidrError,
  ipError,
  isCIDR,
  isDNS1123Label,
  isDNS1123Subdomain,
  isIP,
  isValidPortNum,
} from './names';
import { PROTOCOLS } from './podContainers';
import { validatePortNumOrName } from './podProbes';
import type { V } from './value';
import { enumValues, sortedEnumValues } from './enums';

const SERVICE_TYPES = sortedEnumValues('ServiceType');
const NODE_PORT_RANGE: [number, number] = [30000, 32767];

export function validateServiceSpec(errs: ErrorList, spec: V): void {
  const typeV = spec.child('type');
  const type = typeV.str() ?? 'ClusterIP';
  if (typeV.str() !== undefined && !SERVICE_TYPES.includes(type))
    errs.notSupported(typeV, type, SERVICE_TYPES);
  const clusterIP = spec.child('clusterIP').str();
  const headless = clusterIP === 'None';
  const ports = spec.child('ports');
  const items = ports.items();
  if (items.length === 0 && !headless && type !== 'ExternalName' && spec.isMap) errs.required(ports);

  const names = new Set<string>();
  const seen = new Set<string>();
  const nodePorts = new Set<string>();
  items.forEach((p) => {
    const name = p.child('name');
    const n = name.str() ?? '';
    if (items.length > 1 && n === '') errs.required(name);
    else if (n !== '') {
      errs.invalidAll(name, n, isDNS1123Label(n));
      if (names.has(n)) errs.duplicate(name, n, uniqueFix(n, names, p.child('port').int()));
      else names.add(n);
    }
    const port = p.child('port');
    const pn = port.int();
    if (pn !== undefined) errs.invalidAll(port, pn, isValidPortNum(pn));
    const proto = p.child('protocol');
    const pv = proto.str();
    if (pv === '') errs.required(proto);
    else if (pv !== undefined && !PROTOCOLS.includes(pv)) errs.notSupported(proto, pv, PROTOCOLS);
    const target = p.child('targetPort');
    // Defaulting sets an absent or zero targetPort to the port.
    if (target.int() !== 0) validatePortNumOrName({ errs }, target);
    const key = `${pv ?? 'TCP'}/${pn}`;
    if (pn !== undefined) {
      if (seen.has(key)) errs.duplicate(p, { port: pn, protocol: pv ?? 'TCP' });
      seen.add(key);
    }
    const np = p.child('nodePort');
    const npv = np.int();
    if (npv) {
      if (type === 'ClusterIP' || type === 'ExternalName')
        errs.forbidden(np, `may not be used when \`type\` is '${type}'`);
      else {
        const msgs = isValidPortNum(npv);
        errs.invalidAll(np, npv, msgs);
        const npKey = `${pv ?? 'TCP'}/${npv}`;
        if (nodePorts.has(npKey)) errs.duplicate(np, npv);
        nodePorts.add(npKey);
        if (!msgs.length && (npv < NODE_PORT_RANGE[0] || npv > NODE_PORT_RANGE[1]))
          errs.invalid(
            np,
            npv,
            `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE[0]}-${NODE_PORT_RANGE[1]}`,
          );
      }
    }
  });

  if (type === 'ExternalName') {
    const en = spec.child('externalName');
    const cname = en.s().replace(/\.$/, '');
    if (cname) errs.invalidAll(en, cname, isDNS1123Subdomain(cname));
    else errs.required(en);
    const cip = spec.child('clusterIP');
    if (cip.s() && cip.s() !== 'None') errs.forbidden(cip, 'may not be set for ExternalName services');
  }

  validateClusterIPs(errs, spec, type);

  errs.oneOf(spec.child('sessionAffinity'), enumValues('ServiceAffinity'));
  validateSessionAffinityConfig(errs, spec);

  const etp = spec.child('externalTrafficPolicy');
  const etpv = etp.str();
  if (etpv) {
    if (type !== 'NodePort' && type !== 'LoadBalancer')
      errs.invalid(etp, etpv, "may only be set when `type` is 'NodePort' or 'LoadBalancer'");
    else if (!sortedEnumValues('ServiceExternalTrafficPolicy').includes(etpv))
      errs.notSupported(etp, etpv, sortedEnumValues('ServiceExternalTrafficPolicy'));
  }
  errs.oneOf(spec.child('internalTrafficPolicy'), sortedEnumValues('ServiceInternalTrafficPolicy'));
  errs.oneOf(spec.child('ipFamilyPolicy'), sortedEnumValues('IPFamilyPolicy'));
  for (const fam of spec.child('ipFamilies').items()) errs.oneOf(fam, ['IPv4', 'IPv6']);
  const hcnp = spec.child('healthCheckNodePort');
  const hc = hcnp.int();
  if (hc !== undefined && hc !== 0 && (type !== 'LoadBalancer' || etpv !== 'Local'))
    errs.invalid(
      hcnp,
      hc,
      "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
    );

  validateLabels(errs, spec.child('selector'));
  for (const ip of spec.child('externalIPs').items()) {
    const s = ip.str();
    if (s !== undefined && !isIP(s)) errs.invalid(ip, s, ipError);
  }
  for (const r of spec.child('loadBalancerSourceRanges').items()) {
    const s = r.str();
    if (s !== undefined && !isCIDR(s.trim()))
      errs.invalid(
        spec.child('loadBalancerSourceRanges'),
        spec.child('loadBalancerSourceRanges').json(),
        cidrError.replace('a valid CIDR value', 'a list of valid CIDR values'),
      );
  }
}

/** Kubernetes' MaxClientIPServiceAffinitySeconds. */
const MAX_AFFINITY_SECONDS = 86400;

/**
 * validateClientIPAffinityConfig after defaulting: an absent affinity is None, and ClientIP without a timeout
 * gets the default one (so only a timeout written out of range is wrong); None forbids a config.
 */
function validateSessionAffinityConfig(errs: ErrorList, spec: V): void {
  const affinity = spec.child('sessionAffinity').str() ?? 'None';
  const config = spec.child('sessionAffinityConfig');
  if (affinity === 'None' && config.exists)
    errs.forbidden(config, 'must not be set when session affinity is None');
  if (affinity !== 'ClientIP') return;
  const timeout = config.at('clientIP', 'timeoutSeconds');
  const t = timeout.int();
  if (t !== undefined && (t <= 0 || t > MAX_AFFINITY_SECONDS))
    errs.invalid(timeout, t, `must be greater than 0 and less than ${MAX_AFFINITY_SECONDS}`);
}

function validateClusterIPs(errs: ErrorList, spec: V, type: string): void {
  const cip = spec.child('clusterIP');
  const c = cip.str();
  const ips = spec.child('clusterIPs').items();
  if (c && ips.length && ips[0].str() !== c)
    errs.invalid(
      spec.child('clusterIPs'),
      spec.child('clusterIPs').json(),
      'first value must match `clusterIP`',
    );
  // Defaulting copies clusterIP into clusterIPs[0]: errors name clusterIPs.
  const values: { v: V; s: string }[] = ips.length
    ? ips.flatMap((v) => (v.str() !== undefined ? [{ v, s: v.str()! }] : []))
    : c !== undefined && c !== ''
      ? [{ v: spec.child('clusterIPs').indexed(0, cip.node), s: c }]
      : [];
  values.forEach(({ v, s }, i) => {
    if (i === 0 && s === 'None') {
      if (values.length > 1) errs.invalid(v, s, "'None' must be the first and only value");
      else if (type === 'NodePort' || type === 'LoadBalancer')
        errs.invalid(v, s, `may not be set to 'None' for ${type} services`);
      return;
    }
    if (type === 'ExternalName') return;
    if (!isIP(s)) errs.invalid(v, s, ipError);
  });
}

/** A free name for a duplicate port: `http` → `http-8080` (or `http-2`). */
function uniqueFix(
  n: string,
  taken: Set<string>,
  port: number | undefined,
): { replacements: string[] } | undefined {
  const candidates = [port !== undefined ? `${n}-${port}` : '', `${n}-2`, `${n}-3`];
  const free = candidates.find((x) => x && !taken.has(x) && !isDNS1123Label(x).length);
  return free ? { replacements: [free] } : undefined;
}
