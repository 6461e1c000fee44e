// App probe rewriting (pkg/kube/inject app_probe.go): HTTP/TCP/gRPC probes and lifecycle hooks of
// the app containers are redirected to the agent's status port; the originals travel to the agent
// in ISTIO_KUBE_APP_PROBERS.
import { goJson } from './gotemplate';
import { parseGoBool } from './validate';
import { isObj, toText, type Obj } from '../util/json';

export const KUBE_APP_PROBERS = 'ISTIO_KUBE_APP_PROBERS';

export function shouldRewriteProbes(annotations: Obj, valueDefault: boolean): boolean {
  const a = annotations['sidecar.istio.io/rewriteAppHTTPProbers'];
  if (a !== undefined) {
    const b = parseGoBool(a);
    if (b !== undefined) return b;
  }
  return valueDefault;
}

/** Containers whose probes the agent takes over: app containers and native sidecars, not istio-proxy. */
function probedContainers(spec: Obj): Obj[] {
  const cs = (Array.isArray(spec.containers) ? spec.containers : []).filter(isObj);
  const natives = (Array.isArray(spec.initContainers) ? spec.initContainers : []).filter(
    (c): c is Obj => isObj(c) && c.restartPolicy === 'Always',
  );
  return [...cs, ...natives].filter((c) => c.name !== 'istio-proxy');
}

const PROBES: [string, string][] = [
  ['readinessProbe', 'readyz'],
  ['livenessProbe', 'livez'],
  ['startupProbe', 'startupz'],
];
const HOOKS: [string, string][] = [
  ['preStop', 'prestopz'],
  ['postStart', 'poststartz'],
];

function ordered(o: Obj, keys: string[]): Obj {
  const r: Obj = {};
  for (const k of keys) if (o[k] !== undefined && o[k] !== null && o[k] !== '') r[k] = o[k];
  return r;
}

/** The agent's view of a probe: {httpGet|tcpSocket|grpc, timeoutSeconds}, named ports resolved. */
function toProber(handler: Obj, portMap: Map<string, unknown>, timeout: unknown): Obj | undefined {
  const resolve = (port: unknown) =>
    typeof port === 'string' && !/^\d+$/.test(port)
      ? portMap.get(port)
      : typeof port === 'string'
        ? Number(port)
        : port;
  let p: Obj | undefined;
  if (isObj(handler.httpGet)) {
    const port = resolve(handler.httpGet.port);
    if (port === undefined) return undefined;
    p = { httpGet: ordered({ ...handler.httpGet, port }, ['path', 'port', 'host', 'scheme', 'httpHeaders']) };
  } else if (isObj(handler.tcpSocket)) {
    const port = resolve(handler.tcpSocket.port);
    if (port === undefined) return undefined;
    p = { tcpSocket: ordered({ ...handler.tcpSocket, port }, ['port', 'host']) };
  } else if (isObj(handler.grpc)) {
    // corev1.GRPCAction: `port` and `service` (a *string) have no omitempty, so Go's encoding/json
    // writes "service":null when the probe names no service.
    const { port, service } = handler.grpc;
    p = { grpc: { port: port ?? 0, service: typeof service === 'string' ? service : null } };
  }
  if (p && typeof timeout === 'number' && timeout > 0) p.timeoutSeconds = timeout;
  return p;
}

function rewritten(handler: Obj, url: string, statusPort: number): Obj | undefined {
  if (!isObj(handler.httpGet) && !isObj(handler.tcpSocket) && !isObj(handler.grpc)) return undefined;
  const out: Obj = { ...handler };
  const http: Obj = isObj(handler.httpGet) ? { ...handler.httpGet } : {};
  delete out.tcpSocket;
  delete out.grpc;
  http.path = url;
  http.port = statusPort;
  if (http.scheme === 'HTTPS') http.scheme = 'HTTP';
  out.httpGet = http;
  return out;
}

/** Collects the probers and rewrites the probes in place. Returns the JSON for ISTIO_KUBE_APP_PROBERS, or ''. */
export function rewriteAppProbes(spec: Obj, statusPort: number): string {
  const probers: Record<string, Obj> = {};
  for (const c of probedContainers(spec)) {
    const name = toText(c.name ?? '');
    const portMap = new Map<string, unknown>();
    for (const p of Array.isArray(c.ports) ? c.ports : [])
      if (isObj(p) && p.name) portMap.set(toText(p.name), p.containerPort);
    for (const [field, suffix] of PROBES) {
      const probe = c[field];
      if (!isObj(probe)) continue;
      const url = `/app-health/${name}/${suffix}`;
      const prober = toProber(probe, portMap, probe.timeoutSeconds);
      if (prober) probers[url] = prober;
      const r = rewritten(probe, url, statusPort);
      if (r) c[field] = r;
    }
    if (isObj(c.lifecycle)) {
      const lc = c.lifecycle;
      for (const [field, suffix] of HOOKS) {
        const hook = lc[field];
        if (!isObj(hook)) continue;
        const url = `/app-lifecycle/${name}/${suffix}`;
        const prober = toProber(hook, portMap, undefined);
        if (prober) probers[url] = prober;
        const r = rewritten(hook, url, statusPort);
        if (r) lc[field] = r;
      }
    }
  }
  const keys = Object.keys(probers).sort();
  if (!keys.length) return '';
  return goJson(Object.fromEntries(keys.map((k) => [k, probers[k]])));
}

/** mergeOrAppendProbers: on re-injection the probers already in the env win. */
export function mergeProberEnv(env: Obj[], probers: string, previouslyInjected: boolean): Obj[] {
  const i = previouslyInjected ? env.findIndex((e) => e.name === KUBE_APP_PROBERS) : -1;
  if (i < 0) return [...env, { name: KUBE_APP_PROBERS, value: probers }];
  try {
    const old = JSON.parse(String(env[i].value)) as Obj;
    const merged = { ...(JSON.parse(probers) as Obj), ...old };
    const keys = Object.keys(merged).sort();
    const out = env.slice();
    out[i] = { name: KUBE_APP_PROBERS, value: goJson(Object.fromEntries(keys.map((k) => [k, merged[k]]))) };
    return out;
  } catch {
    return env;
  }
}
