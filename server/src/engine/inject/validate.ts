// Pod annotation validation before injection (pkg/kube/inject validate.go): a bad value fails the
// injection with an error naming the annotation, and nothing is written.
import { toText } from '../util/json';

export class InjectValidationError extends Error {
  constructor(
    readonly annotation: string,
    readonly value: string,
    reason: string,
  ) {
    super(`invalid value '${value}' for annotation '${annotation}': ${reason}`);
  }
}

function ports(v: string, allowWildcard: boolean): string | null {
  if (allowWildcard && v.trim() === '*') return null;
  for (const p of v.split(',')) {
    const t = p.trim();
    if (!t) continue;
    if (!/^\d+$/.test(t)) return `"${t}" is not a valid port`;
    const n = Number(t);
    if (n < 1 || n > 65535) return `port ${t} is out of range 1-65535`;
  }
  return null;
}

function cidr(c: string): boolean {
  const m = c.match(/^(.+)\/(\d{1,3})$/);
  if (!m) return false;
  const bits = Number(m[2]);
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(m[1]))
    return bits <= 32 && m[1].split('.').every((o) => Number(o) <= 255);
  return m[1].includes(':') && /^[0-9a-fA-F:.]+$/.test(m[1]) && bits <= 128;
}

function ipRanges(v: string, allowWildcard: boolean): string | null {
  if (allowWildcard && v.trim() === '*') return null;
  for (const r of v.split(',')) {
    const t = r.trim();
    if (t && !cidr(t)) return `"${t}" is not a valid CIDR range`;
  }
  return null;
}

const uint32 = (v: string) =>
  /^\d+$/.test(v.trim()) && Number(v) <= 0xffffffff ? null : `"${v}" is not an unsigned integer`;
const bool = (v: string) =>
  /^(1|t|T|TRUE|true|True|0|f|F|FALSE|false|False)$/.test(v) ? null : `"${v}" is not a boolean`;

const RULES: Record<string, (v: string) => string | null> = {
  'sidecar.istio.io/interceptionMode': (v) =>
    ['REDIRECT', 'TPROXY', 'NONE'].includes(v) ? null : `must be REDIRECT, TPROXY or NONE`,
  'traffic.sidecar.istio.io/includeOutboundIPRanges': (v) => ipRanges(v, true),
  'traffic.sidecar.istio.io/excludeOutboundIPRanges': (v) => ipRanges(v, false),
  'traffic.sidecar.istio.io/includeInboundPorts': (v) => ports(v, true),
  'traffic.sidecar.istio.io/excludeInboundPorts': (v) => ports(v, false),
  'traffic.sidecar.istio.io/includeOutboundPorts': (v) => ports(v, false),
  'traffic.sidecar.istio.io/excludeOutboundPorts': (v) => ports(v, false),
  'status.sidecar.istio.io/port': (v) =>
    /^\d+$/.test(v) && Number(v) <= 65535 ? null : `"${v}" is not a valid port`,
  'readiness.status.sidecar.istio.io/initialDelaySeconds': uint32,
  'readiness.status.sidecar.istio.io/periodSeconds': uint32,
  'readiness.status.sidecar.istio.io/failureThreshold': uint32,
  'readiness.status.sidecar.istio.io/applicationPorts': (v) => ports(v, false),
  'prometheus.istio.io/merge-metrics': bool,
  'sidecar.istio.io/rewriteAppHTTPProbers': bool,
};

/** Throws InjectValidationError for the first invalid annotation (in the pod's order). */
export function validateAnnotations(annotations: Record<string, unknown>): void {
  for (const [k, raw] of Object.entries(annotations)) {
    const rule = RULES[k];
    if (!rule) continue;
    const v = toText(raw ?? '');
    const why = rule(v);
    if (why) throw new InjectValidationError(k, v, why);
  }
}

/** strconv.ParseBool. */
export function parseGoBool(v: unknown): boolean | undefined {
  const s = String(v);
  if (/^(1|t|T|TRUE|true|True)$/.test(s)) return true;
  if (/^(0|f|F|FALSE|false|False)$/.test(s)) return false;
  return undefined;
}
