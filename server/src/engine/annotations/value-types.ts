// How each Istio annotation's and label's value is read. The catalogue (generated) says what exists;
// this table, written by hand from Istio's injector (pkg/kube/inject/validate.go and the code that
// reads each key), says what a valid value is. `istio: true` marks the checks Istio's own analyzer
// runs (inject.AnnotationValidation); the others are ours (Istio reads those values without
// checking them, and fails later or silently ignores them).
import * as p from './parsers';
import { checkProxyConfig } from './proxy-config';

export interface ValueType {
  /** Short description of the expected value, for hovers and messages. */
  expects: string;
  check(v: string): string | undefined;
  /** Part of Istio's own AnnotationValidation. */
  istio: boolean;
  /** Values offered by completion. */
  values?: readonly string[];
}

const BOOL_VALUES = ['true', 'false'];
const t = (
  expects: string,
  check: ValueType['check'],
  istio = false,
  values?: readonly string[],
): ValueType => ({ expects, check, istio, values });

const bool = (istio = false) => t('a boolean (true or false)', p.goBool, istio, BOOL_VALUES);
const uint32 = (istio = false) => t('a non-negative integer', (v) => p.goUint(v, 32), istio);
const portList = (istio = false) => t('a comma separated list of ports', p.portList, istio);
const quantity = t('a Kubernetes quantity (e.g. 100m, 128Mi)', p.quantity);
const duration = t('a duration (e.g. 10s, 1m)', p.goDuration);
const wildcard = (inner: ValueType['check']) => (v: string) => (v === '*' ? undefined : inner(v));
/** One of Istio's own checks: its message names the setting Istio validates the value as. */
const istio = (expects: string, setting: string, check: ValueType['check'], values?: readonly string[]) =>
  t(
    expects,
    (v) => {
      const e = check(v);
      return e ? `${setting} invalid: ${e}` : undefined;
    },
    true,
    values,
  );
/** A comma separated list of ports or CIDRs Istio checks; `star`: or `*`, everything. */
const istioList = (of: 'ports' | 'CIDRs', setting: string, star = false) => {
  const list = of === 'ports' ? p.portList : p.cidrList;
  const expects = `a comma separated list of ${of}`;
  return star ? istio(`* or ${expects}`, setting, wildcard(list), ['*']) : istio(expects, setting, list);
};

/** The injector's reading of sidecar.istio.io/inject: y/yes/true/on inject; anything else does not. */
const INJECT_VALUES = ['true', 'false', 'yes', 'no', 'y', 'n', 'on', 'off'];
const injectFlag = t(
  'true or false',
  (v) =>
    INJECT_VALUES.includes(v.toLowerCase())
      ? undefined
      : `"${v}" is neither true nor false; the injector treats it as false`,
  false,
  ['true', 'false'],
);

export const ANNOTATION_VALUES: Readonly<Record<string, ValueType>> = {
  // Istio's AnnotationValidation.
  'sidecar.istio.io/interceptionMode': t(
    'REDIRECT, TPROXY or NONE',
    (v) =>
      ['REDIRECT', 'TPROXY', 'NONE'].includes(v)
        ? undefined
        : `interceptionMode invalid, use REDIRECT,TPROXY,NONE: ${v}`,
    true,
    ['REDIRECT', 'TPROXY', 'NONE'],
  ),
  'status.sidecar.istio.io/port': istio('a port', 'excludeInboundPorts', p.port),
  'readiness.status.sidecar.istio.io/initialDelaySeconds': uint32(true),
  'readiness.status.sidecar.istio.io/periodSeconds': uint32(true),
  'readiness.status.sidecar.istio.io/failureThreshold': uint32(true),
  'traffic.sidecar.istio.io/includeOutboundIPRanges': istioList('CIDRs', 'includeIPRanges', true),
  'traffic.sidecar.istio.io/excludeOutboundIPRanges': istioList('CIDRs', 'excludeIPRanges'),
  'traffic.sidecar.istio.io/includeInboundPorts': istioList('ports', 'includeInboundPorts', true),
  'traffic.sidecar.istio.io/excludeInboundPorts': istioList('ports', 'excludeInboundPorts'),
  'traffic.sidecar.istio.io/excludeOutboundPorts': istioList('ports', 'excludeOutboundPorts'),
  'prometheus.istio.io/merge-metrics': bool(true),
  'proxy.istio.io/config': t('ProxyConfig fields as YAML', checkProxyConfig, true),
  // Ours.
  'traffic.sidecar.istio.io/includeOutboundPorts': portList(),
  'readiness.status.sidecar.istio.io/applicationPorts': portList(),
  'sidecar.istio.io/inject': injectFlag,
  'sidecar.istio.io/rewriteAppHTTPProbers': bool(),
  'sidecar.istio.io/nativeSidecar': bool(),
  'istio.io/dry-run': bool(),
  'sidecar.istio.io/proxyCPU': quantity,
  'sidecar.istio.io/proxyCPULimit': quantity,
  'sidecar.istio.io/proxyMemory': quantity,
  'sidecar.istio.io/proxyMemoryLimit': quantity,
  'sidecar.istio.io/statsFlushInterval': duration,
  'sidecar.istio.io/statsEvictionInterval': duration,
  // pilot-agent's --proxyLogLevel: a level and component:level pairs, split apart for Envoy's -l and
  // --component-log-level (pkg/envoy/proxy.go splitComponentLog; its default is warning,misc:error).
  'sidecar.istio.io/logLevel': t(
    'an Envoy log level, or component:level pairs',
    p.scopedLogLevels,
    false,
    p.LOG_LEVEL_VALUES,
  ),
  'sidecar.istio.io/agentLogLevel': t(
    'a log level, or scope:level pairs',
    p.scopedLogLevels,
    false,
    p.LOG_LEVEL_VALUES,
  ),
  'sidecar.istio.io/componentLogLevel': t(
    'component:level pairs (e.g. misc:error,upstream:debug)',
    p.scopedLogLevels,
  ),
  'sidecar.istio.io/userVolume': t('JSON volumes', p.json),
  'sidecar.istio.io/userVolumeMount': t('JSON volume mounts', p.json),
  'sidecar.istio.io/statsHistogramBuckets': t('JSON: prefix to bucket list', p.json),
  'sidecar.istio.io/proxyImageType': t('an image type such as distroless or debug', () => undefined, false, [
    'default',
    'debug',
    'distroless',
  ]),
  'networking.istio.io/exportTo': t('*, ., ~ or namespace names, comma separated', p.exportTo, false, [
    '*',
    '.',
    '~',
  ]),
  'galley.istio.io/analyze-suppress': t('* or IST codes, comma separated', p.istCodes),
};

export const LABEL_VALUES: Readonly<Record<string, ValueType>> = {
  'sidecar.istio.io/inject': injectFlag,
  'security.istio.io/tlsMode': t('istio or disabled', p.oneOf(['istio', 'disabled']), false, [
    'istio',
    'disabled',
  ]),
  'istio.io/dataplane-mode': t('ambient or none', p.oneOf(['ambient', 'none']), false, ['ambient', 'none']),
  'networking.istio.io/enable-autoallocate-ip': bool(),
  'networking.istio.io/gatewayPort': t('a port', p.port),
  'istio.io/waypoint-for': t(
    'service, workload, all or none',
    p.oneOf(['service', 'workload', 'all', 'none']),
    false,
    ['service', 'workload', 'all', 'none'],
  ),
};

/**
 * Labels outside Istio's domains that Istio reads on a Namespace. `istio-injection` is matched by
 * the sidecar injector's namespaceSelector (`istio-injection In [enabled]`; `disabled` is the
 * documented opt-out the revision webhooks exclude): any other value leaves the namespace silently
 * uninjected, so another word (a misspelt enabled, true) is a mistake, not a choice. An empty value
 * reads as no label, which istioctl's injection analyzer already reports.
 */
export const NAMESPACE_LABEL_VALUES: Readonly<Record<string, ValueType>> = {
  'istio-injection': t(
    'enabled or disabled',
    (v) =>
      v === '' || v === 'enabled' || v === 'disabled'
        ? undefined
        : `"${v}" is neither enabled nor disabled; the sidecar injector selects only namespaces labelled istio-injection=enabled`,
    false,
    ['enabled', 'disabled'],
  ),
};
