// ValidateAuthorizationPolicy (pkg/config/validation): selection, CUSTOM/DENY/provider rules, then
// every rule's sources, operations and conditions. Every error carries Istio's
// "invalid policy <name>.<namespace>:" prefix; the DENY-with-HTTP-only-attributes case is a warning.
import { arr, obj, str } from '../util/json';
import { Collector, isSet, type SpecPath } from './collect';
import { checkSelection } from './selector';
import {
  checkEmptyValues,
  checkServiceAccount,
  checkTrustDomainValues,
  checkValidPathTemplate,
  checkWildcardValues,
  validateAttribute,
  validateIPs,
  validatePorts,
} from './security/attributes';
import type { KindValidator } from './types';

const strings = (v: unknown): string[] => arr(v).map(str);

/** Source fields in the order Istio checks them; `check` is the helper run on the values. */
const SOURCE_FIELDS: readonly { field: string; name: string; check: 'empty' | 'sa' | 'td' }[] = [
  { field: 'principals', name: 'Principals', check: 'empty' },
  { field: 'requestPrincipals', name: 'RequestPrincipals', check: 'empty' },
  { field: 'namespaces', name: 'Namespaces', check: 'empty' },
  { field: 'serviceAccounts', name: 'ServiceAccounts', check: 'sa' },
  { field: 'ipBlocks', name: 'IpBlocks', check: 'empty' },
  { field: 'remoteIpBlocks', name: 'RemoteIpBlocks', check: 'empty' },
  { field: 'notPrincipals', name: 'NotPrincipals', check: 'empty' },
  { field: 'notRequestPrincipals', name: 'NotRequestPrincipals', check: 'empty' },
  { field: 'notNamespaces', name: 'NotNamespaces', check: 'empty' },
  { field: 'notServiceAccounts', name: 'NotServiceAccounts', check: 'sa' },
  { field: 'notIpBlocks', name: 'NotIpBlocks', check: 'empty' },
  { field: 'notRemoteIpBlocks', name: 'NotRemoteIpBlocks', check: 'empty' },
  { field: 'trustDomains', name: 'TrustDomains', check: 'td' },
  { field: 'notTrustDomains', name: 'NotTrustDomains', check: 'td' },
];
/** Source fields that are not HTTP-only (a DENY rule on them also applies to TCP). */
const TCP_SOURCE_FIELDS = SOURCE_FIELDS.map((f) => f.field).filter(
  (f) => f !== 'requestPrincipals' && f !== 'notRequestPrincipals',
);
const OPERATION_FIELDS = [
  'ports',
  'methods',
  'paths',
  'hosts',
  'notPorts',
  'notMethods',
  'notPaths',
  'notHosts',
];
const CUSTOM_UNSUPPORTED_SOURCES: readonly [string, string][] = [
  ['namespaces', 'From.Namespaces'],
  ['notNamespaces', 'From.NotNamespaces'],
  ['serviceAccounts', 'From.ServiceAccounts'],
  ['notServiceAccounts', 'From.NotServiceAccounts'],
  ['principals', 'From.Principals'],
  ['notPrincipals', 'From.NotPrincipals'],
  ['requestPrincipals', 'From.RequestPrincipals'],
  ['notRequestPrincipals', 'From.NotRequestPrincipals'],
];

export const validateAuthorizationPolicy: KindValidator = (input, out) => {
  const spec = obj(input.spec);
  const c = new Collector(input, out, `invalid policy ${input.name}.${input.namespace}: `);
  checkSelection(spec, c);
  const action = str(spec.action) || 'ALLOW';
  const rules = arr(spec.rules);
  const hasRules = rules.length > 0;
  const providerSet = isSet(spec.provider);
  if (action === 'CUSTOM') {
    if (!hasRules)
      c.error(
        'CUSTOM action without `rules` is meaningless as it will never be triggered, ' +
          'add an empty rule `{}` if you want it be triggered for every request',
        ['action'],
      );
    else if (str(obj(spec.provider).name) === '') c.error('`provider.name` must not be empty', ['provider']);
    rules.forEach((rule, i) => checkCustomRule(obj(rule), i, c));
  }
  if (providerSet && action !== 'CUSTOM')
    c.error(`\`provider\` must not be with non CUSTOM action, found ${action}`, ['provider']);
  if (action === 'DENY' && !hasRules)
    c.error(
      'DENY action without `rules` is meaningless as it will never be triggered, ' +
        'add an empty rule `{}` if you want it be triggered for every request',
      ['action'],
    );
  rules.forEach((rule, i) => {
    if (isSet(rule)) checkRule(obj(rule), i, action, c);
  });
};

/** An empty-value message goes on the empty entry, other messages on the list. */
function emptyAt(values: string[], message: string, list: SpecPath): SpecPath {
  const i = values.indexOf('');
  return i >= 0 && message.startsWith('empty value') ? [...list, i] : list;
}

function checkCustomRule(rule: Record<string, unknown>, i: number, c: Collector): void {
  arr(rule.from).forEach((from, j) => {
    const src = obj(obj(from).source);
    for (const [field, name] of CUSTOM_UNSUPPORTED_SOURCES)
      if (arr(src[field]).length)
        c.error(`${name} is currently not supported with CUSTOM action`, [
          'rules',
          i,
          'from',
          j,
          'source',
          field,
        ]);
  });
  arr(rule.when).forEach((when, j) => {
    const key = str(obj(when).key);
    if (
      key === 'source.namespace' ||
      key === 'source.serviceAccount' ||
      key === 'source.principal' ||
      key.startsWith('request.auth.')
    )
      c.error(`${key} is currently not supported with CUSTOM action`, ['rules', i, 'when', j, 'key']);
  });
}

/**
 * Runs `check` on the `field` of each item of the rule's `list` (from: source, to: operation), after
 * Go's nil check of that field; `where` is the field's path.
 */
function eachClause(
  rule: Record<string, unknown>,
  i: number,
  list: 'from' | 'to',
  field: 'source' | 'operation',
  c: Collector,
  check: (clause: Record<string, unknown>, where: SpecPath) => void,
): void {
  arr(rule[list]).forEach((item, j) => {
    const at: SpecPath = ['rules', i, list, j];
    if (!isSet(obj(item)[field])) {
      c.error(`\`${list}.${field}\` must not be nil, found at rule ${i}`, at);
      return;
    }
    check(obj(obj(item)[field]), [...at, field]);
  });
}

function checkRule(rule: Record<string, unknown>, i: number, action: string, c: Collector): void {
  eachClause(rule, i, 'from', 'source', c, (src, where) => {
    const has = (f: string): boolean => arr(src[f]).length > 0;
    if (
      ['principals', 'notPrincipals', 'namespaces', 'notNamespaces'].some(has) &&
      ['serviceAccounts', 'notServiceAccounts'].some(has)
    )
      c.error(`cannot set serviceAccounts with namespaces or principals, found at rule ${i}`, where);
    if (!SOURCE_FIELDS.some((f) => has(f.field)))
      c.error(`\`from.source\` must not be empty, found at rule ${i}`, where);
    for (const f of ['ipBlocks', 'notIpBlocks', 'remoteIpBlocks', 'notRemoteIpBlocks'])
      for (const p of validateIPs(strings(src[f]))) c.error(p.message, [...where, f, p.index]);
    for (const f of SOURCE_FIELDS) {
      const values = strings(src[f.field]);
      const msgs =
        f.check === 'sa'
          ? [checkServiceAccount(f.name, values)]
          : f.check === 'td'
            ? [
                checkEmptyValues(f.name, values),
                checkWildcardValues(f.name, values),
                checkTrustDomainValues(f.name, values),
              ]
            : [checkEmptyValues(f.name, values)];
      for (const m of msgs) if (m) c.error(m, emptyAt(values, m, [...where, f.field]));
    }
  });
  eachClause(rule, i, 'to', 'operation', c, (op, where) => {
    const has = (f: string): boolean => arr(op[f]).length > 0;
    if (!OPERATION_FIELDS.some(has)) c.error(`\`to.operation\` must not be empty, found at rule ${i}`, where);
    for (const f of ['ports', 'notPorts'])
      for (const p of validatePorts(strings(op[f]))) c.error(p.message, [...where, f, p.index]);
    for (const f of OPERATION_FIELDS) {
      const values = strings(op[f]);
      const m = checkEmptyValues(f[0].toUpperCase() + f.slice(1), values);
      if (m) c.error(m, emptyAt(values, m, [...where, f]));
    }
    for (const f of ['paths', 'notPaths']) {
      const m = checkValidPathTemplate(f[0].toUpperCase() + f.slice(1), strings(op[f]));
      if (m) c.error(m, [...where, f]);
    }
  });
  arr(rule.when).forEach((when, j) => {
    const cond = obj(when);
    const key = str(cond.key);
    const at: SpecPath = ['rules', i, 'when', j];
    if (key === '') {
      c.error('`key` must not be empty', at);
      return;
    }
    const values = strings(cond.values);
    const notValues = strings(cond.notValues);
    if (!values.length && !notValues.length) {
      c.error(`at least one of \`values\` or \`notValues\` must be set for key ${key}`, at);
      return;
    }
    const bad = validateAttribute(key, values);
    if (bad)
      c.error(`invalid \`value\` for \`key\` ${key}: ${bad}`, [...at, values.length ? 'values' : 'key']);
    const badNot = validateAttribute(key, notValues);
    if (badNot)
      c.error(`invalid \`notValue\` for \`key\` ${key}: ${badNot}`, [
        ...at,
        notValues.length ? 'notValues' : 'key',
      ]);
  });
  if (action === 'DENY' && deniesAllTcp(rule)) c.warning(DENIES_ALL_TCP, ['rules', i]);
}

export const DENIES_ALL_TCP =
  'configured AuthorizationPolicy will deny all traffic to TCP ports under its scope due to the use of ' +
  'only HTTP attributes in a DENY rule; it is recommended to explicitly specify the port';

/**
 * Whether a DENY rule matches on HTTP attributes only (request principals, methods, paths, hosts), so that
 * on a TCP port, where they cannot be read, it denies every connection: sources without a TCP attribute
 * and no operation, or operations without ports.
 */
export function deniesAllTcp(rule: Record<string, unknown>): boolean {
  const clauses = (list: string, field: string) =>
    arr(rule[list])
      .map((item) => obj(item)[field])
      .filter(isSet)
      .map(obj);
  const sources = clauses('from', 'source');
  const operations = clauses('to', 'operation');
  const any = (o: Record<string, unknown>, fields: readonly string[]) =>
    fields.some((f) => arr(o[f]).length > 0);
  const tcpInFrom = sources.some((src) => any(src, TCP_SOURCE_FIELDS));
  const tcpInTo = operations.some((op) => any(op, ['ports', 'notPorts']));
  return (sources.length > 0 && operations.length === 0 && !tcpInFrom) || (operations.length > 0 && !tcpInTo);
}
