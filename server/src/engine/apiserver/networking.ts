// networking.k8s.io (pkg/apis/networking/validation/validation.go): ValidateIngressSpec,
// validateIngressRules, validateHTTPIngressPath, validateIngressBackend, ValidateIngressTLS,
// ValidateNetworkPolicySpec, ValidateNetworkPolicyPort, ValidateNetworkPolicyPeer, ValidateIPBlock.
import type { ErrorList } from './field';
import { validateLabelSelector } from './meta';
import {
  cidrError,
  isCIDR,
  isDNS1123Subdomain,
  isIP,
  isValidPortName,
  isValidPortNum,
  isWildcardDNS1123Subdomain,
} from './names';
import type { V } from './value';
import { sortedEnumValues } from './enums';

const PATH_TYPES = sortedEnumValues('PathType');
const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

export function validateIngressSpec(errs: ErrorList, spec: V, serviceName: (n: string) => string[]): void {
  const rules = spec.child('rules');
  const backend = spec.child('defaultBackend');
  if (rules.items().length === 0 && !backend.exists && spec.isMap)
    errs.invalid(rules, rules.json() ?? null, 'either `defaultBackend` or `rules` must be specified');
  if (backend.exists) validateBackend(errs, backend, serviceName);
  for (const rule of rules.items()) {
    const host = rule.child('host');
    const h = host.str();
    if (h) {
      if (isIP(h)) errs.invalid(host, h, 'must be a DNS name, not an IP address');
      else if (h.includes('*')) errs.invalidAll(host, h, isWildcardDNS1123Subdomain(h));
      else errs.invalidAll(host, h, isDNS1123Subdomain(h));
    }
    const http = rule.child('http');
    if (!http.exists) continue;
    const paths = http.child('paths');
    if (paths.isSeq && paths.items().length === 0) errs.required(paths);
    for (const p of paths.items()) validateHTTPPath(errs, p, serviceName);
  }
  for (const tls of spec.child('tls').items()) {
    for (const host of tls.child('hosts').items()) {
      const h = host.str();
      if (h === undefined) continue;
      if (h.includes('*')) errs.invalidAll(host, h, isWildcardDNS1123Subdomain(h));
      else errs.invalidAll(host, h, isDNS1123Subdomain(h));
    }
    const sn = tls.child('secretName');
    const s = sn.str();
    if (s) errs.invalidAll(sn, s, isDNS1123Subdomain(s));
  }
  const cls = spec.child('ingressClassName');
  const c = cls.str();
  if (c !== undefined) errs.invalidAll(cls, c, isDNS1123Subdomain(c));
}

function validateHTTPPath(errs: ErrorList, p: V, serviceName: (n: string) => string[]): void {
  const pt = p.child('pathType');
  const type = pt.str();
  const path = p.child('path');
  const s = path.s();
  if (type === undefined) {
    if (!pt.exists) errs.required(pt, 'pathType must be specified');
  } else if (type === 'Exact' || type === 'Prefix') {
    if (!s.startsWith('/')) errs.invalid(path, s, 'must be an absolute path');
    if (s.length > 0) {
      for (const seq of INVALID_PATH_SEQUENCES)
        if (s.includes(seq)) errs.invalid(path, s, `must not contain '${seq}'`);
      for (const suf of INVALID_PATH_SUFFIXES)
        if (s.endsWith(suf)) errs.invalid(path, s, `cannot end with '${suf}'`);
    }
  } else if (type === 'ImplementationSpecific') {
    if (s.length > 0 && !s.startsWith('/')) errs.invalid(path, s, 'must be an absolute path');
  } else errs.notSupported(pt, type, PATH_TYPES);
  const backend = p.child('backend');
  if (backend.exists) validateBackend(errs, backend, serviceName);
}

function validateBackend(errs: ErrorList, b: V, serviceName: (n: string) => string[]): void {
  const svc = b.child('service');
  const res = b.child('resource');
  if (svc.exists && res.exists) {
    errs.invalid(b, '', 'cannot set both resource and service backends');
    return;
  }
  if (res.exists) return;
  if (!svc.exists) {
    errs.invalid(b, '', 'resource or service backend is required');
    return;
  }
  const name = svc.child('name');
  const n = name.s();
  if (!n) errs.required(name);
  else errs.invalidAll(name, n, serviceName(n));
  const port = svc.child('port');
  const pn = port.child('name').s();
  const num = port.child('number').int() ?? 0;
  if (pn && num !== 0) errs.invalid(port, port.json(), 'cannot set both port name & port number');
  else if (pn) errs.invalidAll(port.child('name'), pn, isValidPortName(pn));
  else if (num !== 0) errs.invalidAll(port.child('number'), num, isValidPortNum(num));
  else if (port.exists || svc.isMap) errs.required(port, 'port name or number is required');
}

const POLICY_PROTOCOLS = sortedEnumValues('Protocol');

export function validateNetworkPolicySpec(errs: ErrorList, spec: V): void {
  const ps = spec.child('podSelector');
  if (ps.isMap) validateLabelSelector(errs, ps);
  for (const [dir, peersKey] of [
    ['ingress', 'from'],
    ['egress', 'to'],
  ] as const) {
    for (const rule of spec.child(dir).items()) {
      for (const port of rule.child('ports').items()) validatePolicyPort(errs, port);
      for (const peer of rule.child(peersKey).items()) validatePeer(errs, peer);
    }
  }
  const types = spec.child('policyTypes');
  const list = types.items();
  for (const t of list) {
    const s = t.str();
    if (s !== undefined && s !== 'Ingress' && s !== 'Egress') errs.notSupported(t, s, ['Ingress', 'Egress']);
  }
  if (list.length > 2) errs.invalid(types, types.json(), 'may not specify more than two policyTypes');
}

function validatePolicyPort(errs: ErrorList, p: V): void {
  const proto = p.child('protocol');
  const pv = proto.str();
  if (pv !== undefined && !POLICY_PROTOCOLS.includes(pv)) errs.notSupported(proto, pv, POLICY_PROTOCOLS);
  const port = p.child('port');
  const end = p.child('endPort');
  const n = port.int();
  const s = port.str();
  const e = end.int();
  if (n !== undefined) {
    errs.invalidAll(port, n, isValidPortNum(n));
    if (e !== undefined) {
      if (e < n) errs.invalid(end, e, 'must be greater than or equal to `port`');
      errs.invalidAll(end, e, isValidPortNum(e));
    }
  } else if (s !== undefined) {
    if (e !== undefined) errs.invalid(end, e, 'may not be specified when `port` is non-numeric');
    errs.invalidAll(port, s, isValidPortName(s));
  } else if (e !== undefined) errs.required(port, 'must be specified when `endPort` is specified');
}

function validatePeer(errs: ErrorList, peer: V): void {
  let n = 0;
  for (const f of ['podSelector', 'namespaceSelector']) {
    const v = peer.child(f);
    if (!v.exists) continue;
    n++;
    validateLabelSelector(errs, v);
  }
  const ipb = peer.child('ipBlock');
  if (ipb.exists) {
    if (n > 0) errs.forbidden(peer, 'may not specify both ipBlock and another peer');
    n++;
    const cidr = ipb.child('cidr');
    const c = cidr.s();
    if (!c) errs.required(cidr);
    else if (!isCIDR(c)) errs.invalid(cidr, c, cidrError);
    for (const ex of ipb.child('except').items()) {
      const x = ex.s();
      if (!isCIDR(x)) errs.invalid(ex, x, cidrError);
    }
  }
  if (n === 0) errs.required(peer, 'must specify a peer');
}
