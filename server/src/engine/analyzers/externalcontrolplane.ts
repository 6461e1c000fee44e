// externalcontrolplane.ExternalControlPlaneAnalyzer (istio/istio
// pkg/config/analysis/analyzers/externalcontrolplane/externalcontrolplane.go): the webhooks of a
// remote cluster must reach the external istiod through a URL with a resolvable hostname.
// Without a cluster (and offline): no DNS lookup is made, so an unresolvable hostname is not
// reported; a missing URL/service, an unparsable URL, an empty hostname and an IP address are.
import type { AnalysisContext, Analyzer, WorkspaceResource } from '../analysis/analyzer';
import type { PathSegment } from '../parse/nodes';
import { withDedup } from './util/dedup-reporter';
import { arr, asString, toText, valueAt } from '../util/json';

const DEFAULT_VALIDATOR = 'istiod-default-validator';
const VALIDATOR_PREFIX = 'istio-validator';
const INJECTOR_PREFIX = 'istio-sidecar-injector';

export const externalControlPlaneAnalyzer: Analyzer = {
  meta: {
    name: 'externalcontrolplane.ExternalControlPlaneAnalyzer',
    description: 'Checks that the remote IstioOperator resources reference an external control plane',
    codes: ['IST0163', 'IST0164'],
    inputs: ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'],
    inAll: true,
  },
  analyze(rawCtx) {
    const ctx = withDedup(rawCtx);
    for (const r of ctx.resources('ValidatingWebhookConfiguration', 'admissionregistration.k8s.io')) {
      if (r.name === DEFAULT_VALIDATOR || r.name.startsWith(VALIDATOR_PREFIX)) checkHooks(ctx, r);
    }
    for (const r of ctx.resources('MutatingWebhookConfiguration', 'admissionregistration.k8s.io')) {
      if (r.name.startsWith(INJECTOR_PREFIX)) checkHooks(ctx, r);
    }
  },
};

function checkHooks(ctx: AnalysisContext, r: WorkspaceResource): void {
  const hooks: unknown[] = arr(valueAt(r.value, 'webhooks'));
  hooks.forEach((hook, i) => {
    const name = asString(valueAt(hook, 'name')) ?? '';
    const cc = valueAt(hook, 'clientConfig');
    const base: PathSegment[] = ['webhooks', i, 'clientConfig'];
    const rawUrl = valueAt(cc, 'url');
    if (rawUrl != null) {
      const url = toText(rawUrl);
      const host = webhookHost(url);
      if (host === null)
        ctx.report('IST0163', r, [url, name, 'was provided in an invalid format'], [...base, 'url']);
      else if (isIpAddress(host)) ctx.report('IST0164', r, [url, name], [...base, 'url']);
      else if (host === '')
        ctx.report('IST0163', r, [url, name, 'cannot be resolved via a DNS lookup'], [...base, 'url']);
    } else if (valueAt(cc, 'service') == null) {
      ctx.report('IST0163', r, ['', name, 'is blank'], cc ? base : ['webhooks', i]);
    }
  });
}

/** The hostname of a URL as Go's url.Parse(...).Hostname() gives it; null when Go fails to parse it. */
export function webhookHost(url: string): string | null {
  if ([...url].some((ch) => ch < ' ' || ch === '\x7f')) return null; // Go rejects ASCII control bytes
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/.exec(url);
  if (!m) return url.startsWith(':') ? null : '';
  const rest = m[2];
  if (!rest.startsWith('//')) return '';
  let authority = rest.slice(2).split(/[/?#]/, 1)[0];
  authority = authority.slice(authority.lastIndexOf('@') + 1);
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close < 0) return null;
    const port = authority.slice(close + 1);
    if (port !== '' && !/^:\d*$/.test(port)) return null;
    return authority.slice(1, close);
  }
  const colon = authority.lastIndexOf(':');
  if (colon < 0) return authority;
  if (!/^\d*$/.test(authority.slice(colon + 1))) return null;
  return authority.slice(0, colon);
}

/** net.ParseIP: a dotted IPv4 address or an IPv6 address. */
export function isIpAddress(host: string): boolean {
  if (/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(host))
    return host.split('.').every((o) => Number(o) <= 255 && !(o.length > 1 && o.startsWith('0')));
  if (!host.includes(':')) return false;
  if (!/^[0-9A-Fa-f:.]+$/.test(host)) return false; // zones (%eth0) are rejected too, as Go does
  const doubles = host.split('::').length - 1;
  if (doubles > 1) return false;
  const groups = host.split(':').filter((g) => g !== '');
  return doubles === 1
    ? groups.length <= 7
    : groups.length === 8 || (groups.length === 7 && groups[6].includes('.'));
}
