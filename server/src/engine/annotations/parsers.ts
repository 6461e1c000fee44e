// Parsers for the value syntaxes Istio's annotations use, each mirroring the Go function Istio
// (or Kubernetes) reads the value with. Each returns a problem description, or undefined when valid.
import { cidr } from '../util/ip';

/** strconv.ParseBool. */
export function goBool(v: string): string | undefined {
  return /^(1|t|T|TRUE|true|True|0|f|F|FALSE|false|False)$/.test(v)
    ? undefined
    : `strconv.ParseBool: parsing "${v}": invalid syntax`;
}

/** strconv.ParseUint(v, 10, bits). */
export function goUint(v: string, bits: 16 | 32): string | undefined {
  if (!/^[0-9]+$/.test(v)) return `strconv.ParseUint: parsing "${v}": invalid syntax`;
  if (BigInt(v) > (1n << BigInt(bits)) - 1n) return `strconv.ParseUint: parsing "${v}": value out of range`;
  return undefined;
}

/** A port as Istio parses it: trimmed, then a uint16. */
export function port(v: string): string | undefined {
  const e = goUint(v.trim(), 16);
  return e ? `failed parsing port '${v}': ${e}` : undefined;
}

/** A comma separated port list (empty allowed), as Istio's parsePorts reads it. */
export function portList(v: string): string | undefined {
  const s = v.trim();
  if (!s) return undefined;
  for (const p of s.split(',')) {
    const e = port(p);
    if (e) return e;
  }
  return undefined;
}

const GO_DURATION = /^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;

/** time.ParseDuration. */
export function goDuration(v: string): string | undefined {
  return GO_DURATION.test(v)
    ? undefined
    : `time: invalid duration "${v}" (use a number with a unit: ns, us, ms, s, m, h, e.g. 10s)`;
}

/** A protobuf Duration in its JSON form: seconds with an `s` suffix (what ProxyConfig fields take). */
export function protoDuration(v: string): string | undefined {
  return /^-?\d+(\.\d{1,9})?s$/.test(v)
    ? undefined
    : `"${v}" is not a protobuf duration: give seconds with an 's' suffix, e.g. 5s or 0.5s`;
}

const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

/** A Kubernetes resource.Quantity (resource.ParseQuantity). */
export function quantity(v: string): string | undefined {
  return QUANTITY.test(v) ? undefined : `"${v}" is not a Kubernetes quantity (e.g. 100m, 0.5, 128Mi, 1Gi)`;
}

/** A comma separated CIDR list (empty allowed). Istio does not trim: a space after a comma is an error. */
export function cidrList(v: string): string | undefined {
  if (!v) return undefined;
  for (const c of v.split(',')) {
    const e = cidr(c);
    if (e) return `failed parsing cidr '${c}': ${e}`;
  }
  return undefined;
}

/** One of the given values (case-sensitive, as Istio compares them). */
export function oneOf(values: readonly string[]): (v: string) => string | undefined {
  return (v) => (values.includes(v) ? undefined : `"${v}" is not one of ${values.join(', ')}`);
}

/** JSON text (userVolume, statsHistogramBuckets...). */
export function json(v: string): string | undefined {
  try {
    JSON.parse(v);
    return undefined;
  } catch (e) {
    return `not valid JSON: ${e instanceof Error ? e.message : String(e)}`;
  }
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** exportTo: `*`, `.`, `~` or namespace names, comma separated. */
export function exportTo(v: string): string | undefined {
  for (const raw of v.split(',')) {
    const p = raw.trim();
    if (p === '*' || p === '.' || p === '~') continue;
    if (!DNS1123_LABEL.test(p) || p.length > 63) return `"${p}" is not *, ., ~ or a namespace name`;
  }
  return undefined;
}

/** galley.istio.io/analyze-suppress: `*` or IST codes, comma separated. */
export function istCodes(v: string): string | undefined {
  if (v.trim() === '*') return undefined;
  for (const raw of v.split(',')) {
    const p = raw.trim();
    if (!/^IST\d{4}$/.test(p)) return `"${p}" is not an analysis message code like IST0108 (or * for all)`;
  }
  return undefined;
}

const LOG_LEVELS = ['trace', 'debug', 'info', 'warning', 'warn', 'error', 'critical', 'off'];

/** `level` or `scope:level,scope:level` (Envoy component and pilot-agent log levels). */
export function scopedLogLevels(v: string): string | undefined {
  for (const raw of v.split(',')) {
    const p = raw.trim();
    const level = p.includes(':') ? p.slice(p.lastIndexOf(':') + 1) : p;
    if (!LOG_LEVELS.includes(level)) return `"${level}" is not a log level (${LOG_LEVELS.join(', ')})`;
  }
  return undefined;
}

export const LOG_LEVEL_VALUES = LOG_LEVELS;
