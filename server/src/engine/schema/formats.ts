// String and number formats the structural validator understands. Each check returns an error
// message, or undefined when the value is well formed (or the format is one we do not check).
import { base64Error } from '../util/base64';

const QUANTITY = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;
// Go's time.ParseDuration, which Istio (protobuf Duration via CEL duration()) and Kubernetes accept.
const DURATION = /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Values longer than this are not format-checked (a hostile 1 MB scalar costs nothing). */
const MAX_CHECKED = 1 << 16;

export function checkStringFormat(format: string, value: string): string | undefined {
  if (value.length > MAX_CHECKED) return undefined;
  switch (format) {
    case 'quantity':
      return QUANTITY.test(value)
        ? undefined
        : `"${clip(value)}" is not a quantity (e.g. 100m, 0.5, 128Mi, 1Gi)`;
    case 'duration':
      return value === '0' || DURATION.test(value)
        ? undefined
        : `"${clip(value)}" is not a duration (e.g. 5s, 100ms, 1h30m)`;
    case 'date-time':
      return DATE_TIME.test(value)
        ? undefined
        : `"${clip(value)}" is not an RFC 3339 date-time (e.g. 2024-01-02T15:04:05Z)`;
    case 'date':
      return DATE.test(value) ? undefined : `"${clip(value)}" is not a date (YYYY-MM-DD)`;
    case 'byte':
      return base64Error(value) === undefined
        ? undefined
        : `value is not valid base64${value.length < 40 ? `: "${value}"` : ''}`;
    case 'ipv4':
      return IPV4.test(value) ? undefined : `"${clip(value)}" is not an IPv4 address`;
    case 'ipv6':
      return isIPv6(value) ? undefined : `"${clip(value)}" is not an IPv6 address`;
    case 'uuid':
      return UUID.test(value) ? undefined : `"${clip(value)}" is not a UUID`;
    default:
      return undefined;
  }
}

export function checkNumberFormat(format: string, value: number): string | undefined {
  if (format === 'int32' && (value > 2147483647 || value < -2147483648))
    return `${value} does not fit in a 32-bit integer`;
  if (
    format === 'int64' &&
    !Number.isSafeInteger(value) &&
    Number.isInteger(value) &&
    Math.abs(value) > 9.223372036854776e18
  )
    return `${value} does not fit in a 64-bit integer`;
  if (format === 'quantity' && !Number.isFinite(value)) return `${value} is not a quantity`;
  return undefined;
}

function isIPv6(v: string): boolean {
  if (v.length > 45 || !/^[0-9a-fA-F:.]+$/.test(v)) return false;
  const dbl = v.split('::');
  if (dbl.length > 2) return false;
  const parts = (s: string) => (s === '' ? [] : s.split(':'));
  const all = [...parts(dbl[0]), ...(dbl.length === 2 ? parts(dbl[1]) : [])];
  let groups = 0;
  for (let i = 0; i < all.length; i++) {
    const p = all[i];
    if (i === all.length - 1 && p.includes('.')) {
      if (!IPV4.test(p)) return false;
      groups += 2;
      continue;
    }
    if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return false;
    groups++;
  }
  return dbl.length === 2 ? groups < 8 : groups === 8;
}

function clip(s: string): string {
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}
