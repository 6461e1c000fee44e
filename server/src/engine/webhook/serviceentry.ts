// ValidateServiceEntry (pkg/config/validation/validation.go): hosts, addresses, ports, resolution and
// endpoints (STATIC endpoints are WorkloadEntries, workloadentry.ts), DYNAMIC_DNS, exportTo.
import { goQuote } from '../util/goQuote';
import { obj } from '../util/json';
import { isValidIPAddress, validateFQDN, validateWildcardDomain } from './agent';
import { Check, type Path, entries, has, list, n, s } from './check';
import { checkAlphaWorkloadSelector, checkExportTo, portError, portNameError, subnetError } from './common';
import { checkLabels, validatePartialWildcard } from './hosts';
import { isHTTP, isTCP, isTLS, parseProtocol, protocolError } from './protocol';
import type { KindValidator } from './types';
import { checkWorkloadEntry } from './workloadentry';

export const validateServiceEntry: KindValidator = (input, out) => {
  const c = new Check(input, out);
  const spec = obj(input.spec);
  const at: Path = ['spec'];
  if (!checkAlphaWorkloadSelector(c, spec, 'service entry')) return;
  const endpoints = list(spec.endpoints);
  if (has(spec, 'workloadSelector') && has(spec, 'endpoints'))
    c.error(at, 'only one of WorkloadSelector or Endpoints is allowed in Service Entry');
  const hosts = list(spec.hosts).map(s);
  if (hosts.length === 0) c.error(at, 'service entry must have at least one host');
  hosts.forEach((h, i) => {
    if (h === '*') return c.error([...at, 'hosts', i], `invalid host ${h}`);
    c.error([...at, 'hosts', i], validateWildcardDomain(h));
    c.warn([...at, 'hosts', i], validatePartialWildcard(h));
  });
  const addresses = list(spec.addresses).map(s);
  const resolution = s(spec.resolution) || 'NONE';
  let cidr = false;
  addresses.forEach((a, i) => {
    cidr ||= a.includes('/');
    c.error([...at, 'addresses', i], subnetError(a));
  });
  if (cidr && resolution !== 'NONE' && resolution !== 'STATIC')
    c.error([...at, 'addresses'], 'CIDR addresses are allowed only for NONE/STATIC resolution types');

  // Istio allocates addresses itself (PILOT_ENABLE_IP_AUTOALLOCATE, on by default) unless the label opts out.
  const autoAllocate = input.labels['networking.istio.io/enable-autoallocate-ip'] !== 'false';
  const portNames = new Set<string>();
  const portNumbers = new Set<number>();
  const ports = list(spec.ports);
  ports.forEach((raw, i) => {
    const p = [...at, 'ports', i];
    if (raw === null || raw === undefined) return c.error(p, 'service entry port may not be null');
    const port = obj(raw);
    const name = s(port.name);
    const number = n(port.number);
    if (portNames.has(name))
      c.error([...p, 'name'], `service entry port name ${goQuote(name)} already defined`);
    portNames.add(name);
    if (portNumbers.has(number)) c.error([...p, 'number'], `service entry port ${number} already defined`);
    portNumbers.add(number);
    if (n(port.targetPort) !== 0) c.error([...p, 'targetPort'], portError(n(port.targetPort)));
    const protocol = s(port.protocol);
    if (addresses.length === 0 && !autoAllocate && (protocol === '' || protocol === 'TCP'))
      c.warn(
        p,
        'addresses are required for ports serving TCP (or unset) protocol when IP Autoallocation is not enabled',
      );
    c.error([...p, 'name'], portNameError(name));
    c.error([...p, 'protocol'], protocolError(protocol));
    c.error([...p, 'number'], portError(number));
  });

  const ep = [...at, 'endpoints'];
  switch (resolution) {
    case 'NONE':
      if (endpoints.length) c.error(ep, 'no endpoints should be provided for resolution type none');
      if (has(spec, 'workloadSelector'))
        c.warn(
          [...at, 'workloadSelector'],
          'workloadSelector should not be set when resolution mode is NONE',
        );
      break;
    case 'STATIC':
      endpoints.forEach((e, i) => {
        if (e === null || e === undefined) return c.error([...ep, i], 'endpoint cannot be nil');
        checkWorkloadEntry(c, obj(e), [...ep, i], portNames, false);
      });
      break;
    case 'DNS':
    case 'DNS_ROUND_ROBIN':
      if (endpoints.length === 0)
        hosts.forEach((h, i) => {
          const err = validateFQDN(h);
          if (err)
            c.error(
              [...at, 'hosts', i],
              `hosts must be FQDN or contain only prefix wildcards if no endpoints are provided for resolution mode ${resolution}, ${err}`,
            );
        });
      if (resolution === 'DNS_ROUND_ROBIN' && endpoints.length > 1)
        c.error(ep, `there must only be 0 or 1 endpoint for resolution mode ${resolution}`);
      endpoints.forEach((raw, i) => {
        if (raw === null || raw === undefined) return c.error([...ep, i], 'endpoint cannot be nil');
        const e = obj(raw);
        const addr = s(e.address);
        if (!isValidIPAddress(addr) && validateFQDN(addr))
          c.error(
            [...ep, i, 'address'],
            `endpoint address ${goQuote(addr)} is not a valid FQDN or an IP address`,
          );
        checkLabels(c, [...ep, i, 'labels'], e.labels);
        for (const [name, port] of entries(e.ports)) {
          if (!portNames.has(name))
            c.error(
              [...ep, i, 'ports', name],
              `endpoint port ${n(port)} is not defined by the service entry`,
            );
          c.error([...ep, i, 'ports', name], portNameError(name));
          c.error([...ep, i, 'ports', name], portError(n(port)));
        }
      });
      if (addresses.length > 0)
        for (const raw of ports) {
          if (raw === null || raw === undefined) {
            c.error([...at, 'ports'], 'ports cannot be nil');
            continue;
          }
          if (isTCP(parseProtocol(s(obj(raw).protocol)))) {
            if (hosts.length > 1)
              c.warn(
                [...at, 'hosts'],
                'service entry can not have more than one host specified simultaneously with address and tcp port',
              );
            break;
          }
        }
      break;
    case 'DYNAMIC_DNS':
      if (endpoints.length)
        c.error(
          ep,
          'endpoints cannot be set for resolution type DYNAMIC_DNS. Destination IP address determined from hostsfield values',
        );
      if (addresses.length)
        c.error(
          [...at, 'addresses'],
          'addresses cannot be set for resolution type DYNAMIC_DNS. HTTP route domains will only be generatedfrom the hosts field values',
        );
      if (s(spec.location) === 'MESH_INTERNAL' && input.labels['istio.io/use-waypoint'] !== undefined)
        c.error(
          [...at, 'location'],
          'location MESH_INTERNAL with resolution type DYNAMIC_DNS is not supported when using waypoints',
        );
      break;
    default:
      c.error([...at, 'resolution'], `unsupported resolution type ${resolution}`);
  }
  // Plain TCP cannot tell hosts apart (unless hosts are ignored: resolution NONE).
  if (resolution !== 'NONE' && hosts.length > 1)
    for (const raw of ports) {
      if (raw === null || raw === undefined) {
        c.error([...at, 'ports'], 'ports cannot be nil');
        continue;
      }
      const p = parseProtocol(s(obj(raw).protocol));
      if (!isHTTP(p) && !isTLS(p)) {
        c.error([...at, 'ports'], 'multiple hosts provided with non-HTTP, non-TLS ports');
        break;
      }
    }
  checkExportTo(c, list(spec.exportTo), [...at, 'exportTo'], true, false);
};
