// ValidateVirtualService (pkg/config/validation/validation.go): hosts, delegates, gateways, the
// HTTP (vs-http.ts), TLS and TCP routes, exportTo, and the unreachable-rule warnings.
import { goQuote } from '../util/goQuote';
import { obj } from '../util/json';
import { Check, type Path, entries, list, n, s } from './check';
import { checkExportTo, checkGatewayNames, checkRouteDestinations, portError, subnetError } from './common';
import { hostMatches, hostSubsetOf, checkLabels, validateGatewayBoundDomain } from './hosts';
import { isValidIPAddress, validateWildcardDomain } from './agent';
import type { KindValidator } from './types';
import { checkHTTPRoute, isJwtClaimRoute } from './vs-http';
import { unusedRuleMessage, unusedRules } from './vs-unreachable';

export const validateVirtualService: KindValidator = (input, out) => {
  const c = new Check(input, out);
  const spec = obj(input.spec);
  const at: Path = ['spec'];
  const hosts = list(spec.hosts).map(s);
  const gateways = list(spec.gateways).map(s);
  const delegate = hosts.length === 0;
  if (delegate) {
    if (gateways.length)
      c.error([...at, 'gateways'], 'delegate virtual service must have no gateways specified');
    if (list(spec.tls).length)
      c.error([...at, 'tls'], 'delegate virtual service must have no tls route specified');
    if (list(spec.tcp).length)
      c.error([...at, 'tcp'], 'delegate virtual service must have no tcp route specified');
  }
  const gatewaySemantics = input.annotations['internal.istio.io/route-semantics'] === 'gateway';
  let appliesToMesh = false;
  let appliesToGateway = false;
  if (gateways.length === 0) appliesToMesh = true;
  else {
    checkGatewayNames(c, list(spec.gateways), [...at, 'gateways'], gatewaySemantics);
    appliesToGateway = !gateways.includes('mesh');
    appliesToMesh = !appliesToGateway;
  }
  if (!appliesToGateway) {
    list(spec.http).forEach((h, i) =>
      list(obj(h).match).forEach((m, j) => {
        for (const field of ['headers', 'withoutHeaders'])
          for (const [key] of entries(obj(m)[field]))
            if (isJwtClaimRoute(key))
              c.error(
                [...at, 'http', i, 'match', j, field, key],
                `JWT claim based routing (key: ${key}) is only supported for gateway, found no gateways: [${gateways.join(' ')}]`,
              );
      }),
    );
  }
  const sni = list(spec.tls).some((t) => list(obj(t).match).some((m) => list(obj(m).sniHosts).length > 0));
  let allHostsValid = true;
  hosts.forEach((h, i) => {
    const err = appliesToGateway ? validateGatewayBoundDomain(sni, h) : validateWildcardDomain(h);
    if (err) {
      if (!isValidIPAddress(h)) {
        c.error([...at, 'hosts', i], err);
        allHostsValid = false;
      }
    } else if (appliesToMesh && h === '*') {
      c.error(
        [...at, 'hosts', i],
        'wildcard host * is not allowed for virtual services bound to the mesh gateway',
      );
      allHostsValid = false;
    }
  });
  if (allHostsValid)
    for (let i = 0; i < hosts.length; i++)
      for (let j = i + 1; j < hosts.length; j++)
        if (hostMatches(hosts[i], hosts[j]))
          c.error([...at, 'hosts', j], `duplicate hosts in virtual service: ${hosts[i]} & ${hosts[j]}`);

  const http = list(spec.http);
  if (http.length === 0 && list(spec.tcp).length === 0 && list(spec.tls).length === 0)
    c.error(at, 'http, tcp or tls must be provided in virtual service');
  http.forEach((route, i) => {
    if (route === null || route === undefined) c.error([...at, 'http', i], 'http route may not be null');
    else checkHTTPRoute(c, obj(route), [...at, 'http', i], delegate, gatewaySemantics);
  });
  list(spec.tls).forEach((t, i) =>
    checkTLSRoute(c, t, [...at, 'tls', i], hosts, !gateways.includes('mesh'), gatewaySemantics),
  );
  list(spec.tcp).forEach((t, i) => checkTCPRoute(c, t, [...at, 'tcp', i], gatewaySemantics));
  checkExportTo(c, list(spec.exportTo), [...at, 'exportTo'], false, false);
  // Reported under the analyzer's codes (as istioctl analyze does), so the analyzer's copy merges away.
  for (const u of unusedRules(spec)) c.warn(u.path, unusedRuleMessage(u), { code: u.code });
};

function checkTLSRoute(
  c: Check,
  t: unknown,
  at: Path,
  hosts: string[],
  isGateway: boolean,
  gws: boolean,
): void {
  if (t === null || t === undefined) return;
  const tls = obj(t);
  const matches = list(tls.match);
  if (matches.length === 0) c.error(at, 'TLS route must have at least one match condition');
  matches.forEach((m, i) => {
    const path = [...at, 'match', i];
    if (m === null || m === undefined) return c.error(path, 'TLS match may not be null');
    const match = obj(m);
    const sniHosts = list(match.sniHosts).map(s);
    if (sniHosts.length === 0) c.error(path, 'TLS match must have at least one SNI host');
    sniHosts.forEach((h, k) => checkSniHost(c, h, [...path, 'sniHosts', k], hosts, isGateway));
    checkL4Match(c, match, path);
  });
  if (list(tls.route).length === 0) c.error(at, 'TLS route is required');
  checkRouteDestinations(c, list(tls.route), [...at, 'route'], gws);
}

function checkSniHost(c: Check, sni: string, at: Path, hosts: string[], isGateway: boolean): void {
  const err = isGateway ? validateGatewayBoundDomain(true, sni) : validateWildcardDomain(sni);
  if (err) {
    if (isValidIPAddress(sni))
      c.warn(
        at,
        `using an IP address (${goQuote(sni)}) goes against SNI spec and most clients do not support this`,
      );
    else c.error(at, err);
    return;
  }
  if (hosts.some((h) => hostSubsetOf(sni, h))) return;
  c.error(
    at,
    `SNI host ${goQuote(sni)} is not a compatible subset of any of the virtual service hosts: [${hosts.join(', ')}]`,
  );
}

/** The checks TLS and TCP matches share. */
function checkL4Match(c: Check, match: Record<string, unknown>, at: Path): void {
  list(match.destinationSubnets).forEach((d, i) =>
    c.error([...at, 'destinationSubnets', i], subnetError(s(d))),
  );
  if (n(match.port) !== 0) c.error([...at, 'port'], portError(n(match.port)));
  checkLabels(c, [...at, 'sourceLabels'], match.sourceLabels);
  checkGatewayNames(c, list(match.gateways), [...at, 'gateways'], false);
}

function checkTCPRoute(c: Check, t: unknown, at: Path, gws: boolean): void {
  if (t === null || t === undefined) return;
  const tcp = obj(t);
  list(tcp.match).forEach((m, i) => {
    if (m === null || m === undefined) return c.error([...at, 'match', i], 'tcp match may not be nil');
    checkL4Match(c, obj(m), [...at, 'match', i]);
  });
  if (list(tcp.route).length === 0) c.error(at, 'TCP route is required');
  checkRouteDestinations(c, list(tcp.route), [...at, 'route'], gws);
}
