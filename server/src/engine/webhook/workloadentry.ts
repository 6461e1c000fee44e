// ValidateWorkloadEntry and ValidateWorkloadGroup (pkg/config/validation/validation.go); a
// ServiceEntry's STATIC endpoints are WorkloadEntries too.
import { goQuote } from '../util/goQuote';
import { obj } from '../util/json';
import { isValidIPAddress, validateFQDN } from './agent';
import { Check, type Path, entries, has, list, n, s } from './check';
import { portError, portNameError, unixAddressError } from './common';
import { strictHeaderNameError } from './headers';
import { checkLabels, validateLabels } from './hosts';
import type { KindValidator } from './types';
import { multiErrorText } from './collect';

export const validateWorkloadEntry: KindValidator = (input, out) => {
  checkWorkloadEntry(new Check(input, out), obj(input.spec), ['spec'], null, true);
};

/** validateWorkloadEntry: `servicePorts` are the ServiceEntry's port names (null for a WorkloadEntry). */
export function checkWorkloadEntry(
  c: Check,
  we: Record<string, unknown>,
  at: Path,
  servicePorts: ReadonlySet<string> | null,
  allowFQDN: boolean,
): void {
  const addr = s(we.address);
  if (addr === '') {
    if (s(we.network) === '') return c.error(at, 'address is required');
    c.warn(at, `address is unset with network ${goQuote(s(we.network))}`);
  }
  const unix = addr.startsWith('unix://');
  const ports = entries(we.ports);
  if (unix) {
    c.error([...at, 'address'], unixAddressError(addr.slice('unix://'.length)));
    if (ports.length) c.error([...at, 'ports'], `unix endpoint ${addr} must not include ports`);
  } else if (addr !== '' && !isValidIPAddress(addr)) {
    if (!allowFQDN)
      c.error([...at, 'address'], `endpoint address ${goQuote(addr)} is not a valid IP address`);
    else if (validateFQDN(addr))
      c.error([...at, 'address'], `endpoint address ${goQuote(addr)} is not a valid FQDN or an IP address`);
  }
  for (const [name, port] of ports) {
    if (servicePorts && !servicePorts.has(name))
      c.error([...at, 'ports', name], `endpoint port ${n(port)} is not defined by the service entry`);
    c.error([...at, 'ports', name], portNameError(name));
    c.error([...at, 'ports', name], portError(n(port)));
  }
  checkLabels(c, [...at, 'labels'], we.labels);
  if (unix && servicePorts && servicePorts.size !== 1)
    c.error(at, 'exactly 1 service port required for unix endpoints');
}

export const validateWorkloadGroup: KindValidator = (input, out) => {
  const c = new Check(input, out);
  const spec = obj(input.spec);
  const at: Path = ['spec'];
  if (!has(spec, 'template')) return c.error(at, 'template is required');
  if (has(spec, 'metadata')) {
    const errs = validateLabels(obj(spec.metadata).labels);
    if (errs.length) return c.error([...at, 'metadata', 'labels'], `invalid labels: ${multiErrorText(errs)}`);
  }
  checkProbe(c, spec.probe, [...at, 'probe']);
};

function checkProbe(c: Check, raw: unknown, at: Path): void {
  if (raw === undefined || raw === null) return;
  const p = obj(raw);
  for (const f of [
    'periodSeconds',
    'initialDelaySeconds',
    'timeoutSeconds',
    'successThreshold',
    'failureThreshold',
  ])
    if (n(p[f]) < 0) c.error([...at, f], `${f} must be non-negative`);
  if (has(p, 'httpGet')) {
    const h = obj(p.httpGet);
    c.error([...at, 'httpGet', 'port'], portError(n(h.port)));
    const scheme = s(h.scheme);
    if (scheme !== '' && scheme !== 'HTTPS' && scheme !== 'HTTP')
      c.error([...at, 'httpGet', 'scheme'], 'httpGet.scheme must be one of "HTTPS", "HTTP"');
    list(h.httpHeaders).forEach((hd, i) => {
      if (hd === null || hd === undefined)
        return c.error([...at, 'httpGet', 'httpHeaders', i], 'invalid nil header');
      c.error([...at, 'httpGet', 'httpHeaders', i], strictHeaderNameError(s(obj(hd).name)));
    });
  } else if (has(p, 'tcpSocket')) {
    c.error([...at, 'tcpSocket', 'port'], portError(n(obj(p.tcpSocket).port)));
  } else if (has(p, 'exec')) {
    if (list(obj(p.exec).command).length === 0) c.error([...at, 'exec'], 'exec.command is required');
  } else {
    c.error(at, 'unknown health check method <nil>');
  }
}
