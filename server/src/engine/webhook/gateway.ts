// ValidateGateway (pkg/config/validation/validation.go): name, servers (hosts, port, bind, TLS),
// unique port names. `internal.istio.io/gateway-semantics: gateway` relaxes the name and host checks.
import { goQuote } from '../util/goQuote';
import { obj } from '../util/json';
import { Check, type Path, bool, has, list, n, s } from './check';
import { ipError, portError, unixAddressError } from './common';
import { isDNS1123Label } from './agent';
import { validateNamespaceSlashHost } from './hosts';
import { isHTTP, isTLS, parseProtocol, UNSUPPORTED } from './protocol';
import { checkServerTLS, isPassthroughMode, serverTLSMode } from './servertls';
import type { KindValidator } from './types';

export const validateGateway: KindValidator = (input, out) => {
  const c = new Check(input, out);
  const gatewaySemantics = input.annotations['internal.istio.io/gateway-semantics'] === 'gateway';
  if (!isDNS1123Label(input.name) && !gatewaySemantics)
    c.error(['metadata', 'name'], `invalid gateway name: ${goQuote(input.name)}`);
  const spec = obj(input.spec);
  const servers = list(spec.servers);
  const at: Path = ['spec', 'servers'];
  if (servers.length === 0) c.error(['spec'], 'gateway must have at least one server');
  servers.forEach((sv, i) => checkServer(c, sv, [...at, i], gatewaySemantics));
  const portNames = new Set<string>();
  servers.forEach((raw, i) => {
    if (raw === null || raw === undefined) return c.error([...at, i], 'server may not be nil');
    const server = obj(raw);
    if (!has(server, 'port')) return;
    const name = s(obj(server.port).name);
    if (portNames.has(name))
      c.error([...at, i, 'port', 'name'], `port names in servers must be unique: duplicate name ${name}`);
    portNames.add(name);
    if (!isHTTP(parseProtocol(s(obj(server.port).protocol))) && bool(obj(server.tls).httpsRedirect))
      c.warn([...at, i, 'tls', 'httpsRedirect'], 'tls.httpsRedirect should only be used with http servers');
  });
};

/** The proto text form of a Port (`%v` in Istio's messages). */
function portText(port: Record<string, unknown>): string {
  const parts: string[] = [];
  if (n(port.number)) parts.push(`number:${n(port.number)}`);
  if (s(port.protocol)) parts.push(`protocol:${goQuote(s(port.protocol))}`);
  if (s(port.name)) parts.push(`name:${goQuote(s(port.name))}`);
  if (n(port.targetPort)) parts.push(`target_port:${n(port.targetPort)}`);
  return parts.join(' ');
}

function checkServer(c: Check, raw: unknown, at: Path, gatewaySemantics: boolean): void {
  if (raw === null || raw === undefined) return c.error(at, 'cannot have nil server');
  const server = obj(raw);
  const hosts = list(server.hosts);
  if (hosts.length === 0) c.error(at, 'server config must contain at least one host');
  hosts.forEach((h, i) =>
    c.errors([...at, 'hosts', i], validateNamespaceSlashHost(s(h), true, gatewaySemantics)),
  );
  const bind = s(server.bind);
  const portAt = [...at, 'port'];
  let portFailed = false;
  const portErr = (path: Path, msg: string | null | undefined): void => {
    if (!msg) return;
    portFailed = true;
    c.error(path, msg);
  };
  const hasPort = has(server, 'port');
  const port = obj(server.port);
  if (!hasPort) portErr(at, 'port is required');
  else {
    if (parseProtocol(s(port.protocol)) === UNSUPPORTED)
      portErr(
        [...portAt, 'protocol'],
        `invalid protocol ${goQuote(s(port.protocol))}, supported protocols are HTTP, HTTP2, GRPC, GRPC-WEB, MONGO, REDIS, MYSQL, TCP`,
      );
    if (n(port.number) > 0 || !bind.startsWith('unix://'))
      portErr([...portAt, 'number'], portError(n(port.number)));
    if (n(port.targetPort) > 0) portErr([...portAt, 'targetPort'], 'targetPort has no impact on Gateways');
    if (s(port.name) === '') portErr(portAt, `port name must be set: ${portText(port)}`);
  }
  if (bind.startsWith('unix://')) {
    c.error([...at, 'bind'], unixAddressError(bind.slice('unix://'.length)));
    if (hasPort && n(port.number) !== 0)
      c.error([...at, 'bind'], `port number must be 0 for unix domain socket: ${portText(port)}`);
  } else if (bind !== '') c.error([...at, 'bind'], ipError(bind));
  checkServerTLS(c, server.tls, [...at, 'tls']);
  if (portFailed) return;
  const p = parseProtocol(s(port.protocol));
  const hasTLS = has(server, 'tls');
  if (isTLS(p) && !hasTLS) {
    c.error(portAt, 'server must have TLS settings for HTTPS/TLS protocols', {
      fix: 'addServerTls',
      path: at,
      credential: `${c.input.name || 'gateway'}-credential`,
    });
  } else if (!isTLS(p) && hasTLS) {
    const tls = obj(server.tls);
    if (isHTTP(p)) {
      const mode = serverTLSMode(tls);
      if (!isPassthroughMode(mode) || s(tls.caCertificates) || s(tls.privateKey) || s(tls.serverCertificate))
        c.error([...at, 'tls'], 'server cannot have TLS settings for plain text HTTP ports');
    } else c.error([...at, 'tls'], 'server cannot have TLS settings for non HTTPS/TLS ports');
  }
}
