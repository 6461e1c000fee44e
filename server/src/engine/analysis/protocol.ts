// Istio's protocol detection from a Kubernetes Service port (pkg/config/kube ConvertProtocol and
// pkg/config/protocol Parse): appProtocol, else the port name's prefix before '-', case-insensitive.

import { parseProtocol, type Protocol } from '../webhook/protocol';

export { parseProtocol, type Protocol };

/** Ports where a missing protocol means TCP (SMTP, DNS, MySQL, MongoDB): sniffing would break them. */
const WELL_KNOWN_TCP_PORTS = new Set([25, 53, 3306, 27017]);

export function convertProtocol(
  port: number,
  portName: string,
  proto: string,
  appProtocol?: string,
): Protocol {
  if (proto === 'UDP') return 'UDP';
  let name = portName;
  if (appProtocol !== undefined) {
    name = appProtocol;
    if (name === 'kubernetes.io/h2c') return 'HTTP2';
    if (name === 'kubernetes.io/ws') return 'HTTP';
    if (name === 'kubernetes.io/wss') return 'HTTPS';
  }
  if (name.toLowerCase().startsWith('grpc-web')) return 'GRPC-Web';
  const dash = name.indexOf('-');
  const p = parseProtocol(dash >= 0 ? name.slice(0, dash) : name);
  if (p === 'UnsupportedProtocol' && WELL_KNOWN_TCP_PORTS.has(port)) return 'TCP';
  return p;
}
