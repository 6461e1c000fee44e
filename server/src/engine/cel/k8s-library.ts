// The CEL environment of Kubernetes CRD validation rules: standard CEL (@bufbuild/cel), its strings
// extension, and the Kubernetes library functions the bundled CRDs use.
//
// Supported (Kubernetes library):
//   url(string) → URL; isURL(string); URL.getScheme(), getHost(), getHostname(), getPort(),
//   getEscapedPath()                                  (k8s.io/apiserver/pkg/cel/library/urls.go)
//   isIP(string), isCIDR(string)                      (ip.go, cidr.go: predicates only)
//   format.dns1123Label(), format.dns1123Subdomain(), format.dns1035Label() and Format.validate(string)
//                                                      (format.go; validate returns null when valid,
//                                                      else the list of errors)
//   int(string) with Kubernetes' "type conversion error" text
//   strings extension: split, substring, replace, lowerAscii, upperAscii, trim, join, indexOf,
//   lastIndexOf, charAt, format, quote (from @bufbuild/cel/ext)
// Not supported (no bundled CRD uses them): ip()/cidr() values and their methods, quantity(),
//   lists library (isSorted, sum, min, max, indexOf on lists), regex find/findAll, authz, sets,
//   optional types, semver. A rule using one of them fails to plan and is counted as skipped.
import { celFunc, celMethod, CelScalar as S, mapType, type CelFunc } from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { escapedPath, hostname, parseGoUrl, port } from '../util/go-url';
import { cidr, ipAddr } from '../util/ip';
import { toText } from '../util/json';

const URL_TYPE = mapType(S.STRING, S.STRING);

function toUrl(s: string): Record<string, string> {
  const checked = parseGoUrl(s, true);
  if (typeof checked === 'string')
    throw new Error(`URL parse error during conversion from string: ${checked}`);
  const u = parseGoUrl(s, false);
  if (typeof u === 'string') throw new Error(`URL parse error during conversion from string: ${u}`);
  return {
    kind: 'url',
    scheme: u.scheme,
    host: u.host,
    hostname: hostname(u),
    port: port(u),
    path: escapedPath(u),
  };
}

const urlGetter = (name: string, field: string): CelFunc =>
  celMethod(name, URL_TYPE, [], S.STRING, function () {
    return toText(this.get(field) ?? '');
  });

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const FORMATS: Record<string, (s: string) => string[]> = {
  dns1123Label: (s) => [
    ...(s.length > 63 ? ['must be no more than 63 characters'] : []),
    ...(DNS1123_LABEL.test(s)
      ? []
      : [
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
        ]),
  ],
  dns1123Subdomain: (s) => [
    ...(s.length > 253 ? ['must be no more than 253 characters'] : []),
    ...(DNS1123_SUBDOMAIN.test(s)
      ? []
      : [
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
        ]),
  ],
  dns1035Label: (s) => [
    ...(s.length > 63 ? ['must be no more than 63 characters'] : []),
    ...(DNS1035_LABEL.test(s)
      ? []
      : [
          "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
        ]),
  ],
};

export const K8S_FUNCS: readonly CelFunc[] = [
  ...strings,
  celFunc('url', [S.STRING], URL_TYPE, (s) => toUrl(s)),
  celFunc('isURL', [S.STRING], S.BOOL, (s) => typeof parseGoUrl(s, true) !== 'string'),
  urlGetter('getScheme', 'scheme'),
  urlGetter('getHost', 'host'),
  urlGetter('getHostname', 'hostname'),
  urlGetter('getPort', 'port'),
  urlGetter('getEscapedPath', 'path'),
  celFunc('isIP', [S.STRING], S.BOOL, (s) => ipAddr(s)),
  celFunc('isCIDR', [S.STRING], S.BOOL, (s) => cidr(s) === undefined),
  celFunc('int', [S.STRING], S.INT, (s) => {
    if (!/^[-+]?\d+$/.test(s)) throw new Error(`type conversion error from 'string' to 'int': "${s}"`);
    return BigInt(s);
  }),
  ...Object.keys(FORMATS).map((name) =>
    celFunc(`format.${name}`, [], URL_TYPE, () => ({ kind: 'format', name })),
  ),
  celMethod('validate', URL_TYPE, [S.STRING], S.DYN, function (s) {
    const check = FORMATS[toText(this.get('name'))];
    if (!check) throw new Error('validate: not a format');
    const errs = check(s);
    return errs.length ? errs : null;
  }),
];

/** Names of the Kubernetes library functions we provide, for the report. */
export const SUPPORTED_K8S_FUNCTIONS = [
  'url',
  'isURL',
  'getScheme',
  'getHost',
  'getHostname',
  'getPort',
  'getEscapedPath',
  'isIP',
  'isCIDR',
  'int(string)',
  ...Object.keys(FORMATS).map((f) => `format.${f}`),
  'validate',
];
