// The name and value checks of k8s.io/apimachinery/pkg/util/validation (validation.go): each
// returns the list of messages the Go function returns, word for word.

export const DNS1123_LABEL_MAX = 63;
export const DNS1123_SUBDOMAIN_MAX = 253;

const dns1123LabelFmt = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const dns1123SubdomainFmt = `${dns1123LabelFmt}(\\.${dns1123LabelFmt})*`;
const dns1035LabelFmt = '[a-z]([-a-z0-9]*[a-z0-9])?';
const qualifiedNameFmt = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const labelValueFmt = `(${qualifiedNameFmt})?`;
const envVarNameFmt = '[-._a-zA-Z][-._a-zA-Z0-9]*';
const configMapKeyFmt = '[-._a-zA-Z0-9]+';
const wildcardDNS1123SubdomainFmt = `\\*\\.${dns1123SubdomainFmt}`;

const full = (f: string) => new RegExp(`^${f}$`);
const dns1123LabelRe = full(dns1123LabelFmt);
const dns1123SubdomainRe = full(dns1123SubdomainFmt);
const qualifiedNameRe = full(qualifiedNameFmt);

/** validation.RegexError. */
export function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (!examples.length) return `${msg} (regex used for validation is '${fmt}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(' or ')}regex used for validation is '${fmt}')`;
}
export const maxLenError = (n: number) => `must be no more than ${n} characters`;
export const emptyError = () => 'must be non-empty';
export const inclusiveRangeError = (lo: number, hi: number) => `must be between ${lo} and ${hi}, inclusive`;

/** Go's len(): UTF-8 bytes. */
export const byteLen = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * A check Go writes as a length limit (none: undefined) then a regex whose RegexError names `examples`:
 * the messages of both, in that order.
 */
function lengthAndFormat(max: number | undefined, fmt: string, msg: string, ...examples: string[]) {
  const re = full(fmt);
  return (v: string): string[] => {
    const errs: string[] = [];
    if (max !== undefined && byteLen(v) > max) errs.push(maxLenError(max));
    if (!re.test(v)) errs.push(regexError(msg, fmt, ...examples));
    return errs;
  };
}

const dns1123Label = lengthAndFormat(
  DNS1123_LABEL_MAX,
  dns1123LabelFmt,
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
  'my-name',
  '123-abc',
);
export function isDNS1123Label(v: string): string[] {
  const errs = dns1123Label(v);
  // A valid subdomain that is no label: Go says why.
  if (!dns1123LabelRe.test(v) && dns1123SubdomainRe.test(v)) errs[errs.length - 1] = 'must not contain dots';
  return errs;
}

export const isDNS1123Subdomain = lengthAndFormat(
  DNS1123_SUBDOMAIN_MAX,
  dns1123SubdomainFmt,
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
  'example.com',
);

export const isDNS1035Label = lengthAndFormat(
  DNS1123_LABEL_MAX,
  dns1035LabelFmt,
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
  'my-name',
  'abc-123',
);

export const isWildcardDNS1123Subdomain = lengthAndFormat(
  DNS1123_SUBDOMAIN_MAX,
  wildcardDNS1123SubdomainFmt,
  "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character",
  '*.example.com',
);

const qualifiedNameErrMsg =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** IsQualifiedName: label keys and annotation keys (`prefix/name`). */
export function isQualifiedName(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push('prefix part ' + emptyError());
    else for (const m of isDNS1123Subdomain(prefix)) errs.push('prefix part ' + m);
  } else {
    return [
      'a qualified name ' +
        regexError(qualifiedNameErrMsg, qualifiedNameFmt, 'MyName', 'my.name', '123-abc') +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ];
  }
  if (name.length === 0) errs.push('name part ' + emptyError());
  else if (byteLen(name) > 63) errs.push('name part ' + maxLenError(63));
  if (!qualifiedNameRe.test(name))
    errs.push(
      'name part ' + regexError(qualifiedNameErrMsg, qualifiedNameFmt, 'MyName', 'my.name', '123-abc'),
    );
  return errs;
}

export const isValidLabelValue = lengthAndFormat(
  63,
  labelValueFmt,
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
  'MyValue',
  'my_value',
  '12345',
);

export function isValidPortNum(p: number): string[] {
  return p >= 1 && p <= 65535 ? [] : [inclusiveRangeError(1, 65535)];
}

/** IsValidPortName: an IANA_SVC_NAME. */
export function isValidPortName(port: string): string[] {
  const errs: string[] = [];
  if (byteLen(port) > 15) errs.push(maxLenError(15));
  if (!/^[-a-z0-9]+$/.test(port))
    errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (!/[a-z]/.test(port)) errs.push('must contain at least one letter (a-z)');
  if (port.includes('--')) errs.push('must not contain consecutive hyphens');
  if (port.length > 0 && (port.startsWith('-') || port.endsWith('-')))
    errs.push('must not begin or end with a hyphen');
  return errs;
}

function hasChDirPrefix(v: string): string[] {
  if (v === '.') return ["must not be '.'"];
  if (v === '..') return ["must not be '..'"];
  if (v.startsWith('..')) return ["must not start with '..'"];
  return [];
}

const envVarName = lengthAndFormat(
  undefined,
  envVarNameFmt,
  "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit",
  'my.env-name',
  'MY_ENV.NAME',
  'MyEnvName1',
);
export const isEnvVarName = (v: string): string[] => envVarName(v).concat(hasChDirPrefix(v));

/** IsRelaxedEnvVarName (RelaxedEnvironmentVariableValidation). */
export function isRelaxedEnvVarName(v: string): string[] {
  const errs: string[] = [];
  if (v.length === 0) errs.push('environment variable name ' + emptyError());
  for (const ch of v) {
    const c = ch.codePointAt(0)!;
    if (c > 0x7f || c < 0x20 || c === 0x7f || ch === '=') {
      errs.push(
        "a valid environment variable name must consist only of printable ASCII characters other than '='",
      );
      break;
    }
  }
  return errs;
}

const configMapKey = lengthAndFormat(
  DNS1123_SUBDOMAIN_MAX,
  configMapKeyFmt,
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
  'key.name',
  'KEY_NAME',
  'key-name',
);
export const isConfigMapKey = (v: string): string[] => configMapKey(v).concat(hasChDirPrefix(v));

/** A valid IPv4 or IPv6 address (netutils.ParseIPSloppy accepts leading zeros in IPv4). */
export function isIP(v: string): boolean {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(v)) return v.split('.').every((o) => Number(o) <= 255);
  if (!v.includes(':') || !/^[0-9a-fA-F:.]+$/.test(v)) return false;
  const dbl = v.split('::');
  if (dbl.length > 2) return false;
  const groups = (s: string) => (s ? s.split(':') : []);
  let parts = [...groups(dbl[0]), ...(dbl.length === 2 ? groups(dbl[1]) : [])];
  let width = 8;
  const last = parts[parts.length - 1];
  if (last?.includes('.')) {
    if (!isIP(last) || last.includes(':')) return false;
    parts = parts.slice(0, -1);
    width = 6;
  }
  if (!parts.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return dbl.length === 2 ? parts.length < width : parts.length === width;
}

export function isCIDR(v: string): boolean {
  const m = /^(.+)\/(\d{1,3})$/.exec(v);
  if (!m || !isIP(m[1])) return false;
  return Number(m[2]) <= (m[1].includes(':') ? 128 : 32);
}

export const ipError = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
export const cidrError = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

/** path.IsValidPathSegmentName: names that only have to be usable in a URL path (HPA, RBAC objects). */
export function pathSegmentName(n: string): string[] {
  if (n === '.' || n === '..') return [`may not be '${n}'`];
  return ['/', '%'].filter((c) => n.includes(c)).map((c) => `may not contain '${c}'`);
}
