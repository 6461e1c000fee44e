// Post-processing after the template merge (webhook.go postProcessPod, reapplyOverwrittenContainers):
// user overrides of injected containers, cluster env, prometheus merge, probe rewrite, status
// annotation, container order.
import type { JsonMap } from './bundle';
import { goJson } from './gotemplate';
import { goTyped } from './goJsonTypes';
import { clone, strategicMergePod } from './merge';
import { mergeProberEnv, rewriteAppProbes, shouldRewriteProbes } from './probes';
import { parseGoBool } from './validate';
import { arr, isObj, toText, type Obj } from '../util/json';

export const STATUS = 'sidecar.istio.io/status';
export const OVERRIDES = 'proxy.istio.io/overrides';
export const PROXY = 'istio-proxy';

export function list(
  spec: Obj,
  key: 'containers' | 'initContainers' | 'volumes' | 'imagePullSecrets',
): Obj[] {
  const v = spec[key];
  return arr(v).filter(isObj);
}
export function specOf(pod: Obj): Obj {
  return (pod.spec ??= {}) as Obj;
}
export function metaOf(pod: Obj): Obj {
  return (pod.metadata ??= {}) as Obj;
}
export function annotationsOf(pod: Obj): Obj {
  return (metaOf(pod).annotations ??= {}) as Obj;
}
export function labelsOf(pod: Obj): Obj {
  return (metaOf(pod).labels ??= {}) as Obj;
}

export function findContainer(name: string, cs: Obj[]): Obj | undefined {
  return cs.find((c) => c.name === name);
}
/** FindSidecar: istio-proxy among containers, else among init containers (native sidecar). */
export function findSidecar(pod: Obj): Obj | undefined {
  const spec = specOf(pod);
  return findContainer(PROXY, list(spec, 'containers')) ?? findContainer(PROXY, list(spec, 'initContainers'));
}

export interface ParsedStatus {
  containers: string[];
  initContainers: string[];
  volumes: string[];
  imagePullSecrets: string[];
}

export function parseStatus(value: unknown): ParsedStatus | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const s = JSON.parse(value) as Obj;
    const names = (k: string) => (Array.isArray(s[k]) ? (s[k] as unknown[]).map(String) : []);
    return {
      containers: names('containers'),
      initContainers: names('initContainers'),
      volumes: names('volumes'),
      imagePullSecrets: names('imagePullSecrets'),
    };
  } catch {
    return undefined;
  }
}

interface Overrides {
  containers?: Obj[];
  initContainers?: Obj[];
}
function parseOverrides(pod: Obj): Overrides {
  const raw = annotationsOf(pod)[OVERRIDES];
  if (typeof raw !== 'string') return {};
  try {
    const o = JSON.parse(raw) as Overrides;
    return isObj(o) ? o : {};
  } catch {
    return {};
  }
}

/** reinsertOverrides: puts back user overrides of injected containers recorded on a previous injection. */
export function reinsertOverrides(pod: Obj): Obj {
  const ov = parseOverrides(pod);
  const spec = specOf(pod);
  for (const c of ov.containers ?? [])
    if (!findContainer(String(c.name), list(spec, 'containers')))
      spec.containers = [...list(spec, 'containers'), clone(c)];
  for (const c of ov.initContainers ?? [])
    if (!findContainer(String(c.name), list(spec, 'initContainers')))
      spec.initContainers = [...list(spec, 'initContainers'), clone(c)];
  return pod;
}

/** reapplyOverwrittenContainers: a user-defined istio-proxy (or istio-init) wins over the template's fields. */
export function reapplyOverwrittenContainers(
  finalPod: Obj,
  originalPod: Obj,
  templatePod: Obj,
  interceptionMode: string,
): Obj {
  const existing = parseOverrides(originalPod);
  const status = annotationsOf(originalPod)[STATUS];
  const injected = parseStatus(status) ?? {
    containers: [],
    initContainers: [],
    volumes: [],
    imagePullSecrets: [],
  };
  const alreadyInjected = typeof status === 'string';
  const origSpec = specOf(originalPod);
  const overrides: Overrides = {};
  const overlayOf = (c: Obj) => {
    const o = clone(c);
    if (o.image === 'auto') delete o.image;
    return o;
  };
  for (const c of list(specOf(templatePod), 'containers')) {
    const name = String(c.name);
    // A re-injected pod's previous istio-proxy is not the user's; the recorded overrides are.
    const recorded = findContainer(name, existing.containers ?? []);
    if (!recorded && injected.containers.includes(name)) continue;
    const match = recorded ?? findContainer(name, list(origSpec, 'containers'));
    if (!match) continue;
    const overlay = overlayOf(match);
    (overrides.containers ??= []).push(overlay);
    finalPod = strategicMergePod(finalPod, { spec: { containers: [overlay] } });
  }
  for (const c of list(specOf(templatePod), 'initContainers')) {
    const name = String(c.name);
    const recorded = findContainer(name, existing.initContainers ?? []);
    if (!recorded && injected.initContainers.includes(name)) continue;
    const match =
      recorded ??
      findContainer(name, list(origSpec, 'containers')) ??
      findContainer(name, list(origSpec, 'initContainers'));
    if (!match) continue;
    const overlay = overlayOf(match);
    (overrides.initContainers ??= []).push(overlay);
    finalPod = strategicMergePod(finalPod, { spec: { containers: [], initContainers: [overlay] } });
  }
  if (!alreadyInjected && (overrides.containers || overrides.initContainers)) {
    const js: Obj = {};
    if (overrides.containers) js.containers = overrides.containers.map((c) => goTyped(c, 'Container'));
    if (overrides.initContainers)
      js.initContainers = overrides.initContainers.map((c) => goTyped(c, 'Container'));
    annotationsOf(finalPod)[OVERRIDES] = goJson(js);
  }
  const userProxy =
    findContainer(PROXY, [...(existing.containers ?? []), ...(existing.initContainers ?? [])]) ??
    findSidecar(originalPod);
  adjustInitContainerUser(finalPod, userProxy, interceptionMode);
  return finalPod;
}

/** The iptables init container runs as the uid the user gave their istio-proxy. */
function adjustInitContainerUser(finalPod: Obj, user: Obj | undefined, interceptionMode: string): void {
  const sc = user && isObj(user.securityContext) ? user.securityContext : undefined;
  if (!sc || (sc.runAsUser === undefined && sc.runAsGroup === undefined)) return;
  const inits = list(specOf(finalPod), 'initContainers');
  const init = findContainer('istio-init', inits) ?? findContainer('istio-validation', inits);
  if (!init) return;
  const tproxy =
    interceptionMode === 'TPROXY' ||
    annotationsOf(finalPod)['sidecar.istio.io/interceptionMode'] === 'TPROXY';
  if (tproxy && sc.runAsUser !== undefined) {
    const sidecar = findSidecar(finalPod);
    if (sidecar && isObj(sidecar.securityContext)) sidecar.securityContext.runAsUser = 0;
  }
  if (!tproxy && init.name === 'istio-validation') {
    const isc = (init.securityContext ??= {}) as Obj;
    if (sc.runAsUser !== undefined) isc.runAsUser = sc.runAsUser;
    if (sc.runAsGroup !== undefined) isc.runAsGroup = sc.runAsGroup;
  }
  if (sc.runAsUser === undefined || sc.runAsUser === 0 || !Array.isArray(init.args)) return;
  const i = init.args.indexOf('-u');
  if (i >= 0 && i + 1 < init.args.length) init.args[i + 1] = toText(sc.runAsUser);
}

const sanitize = (k: string) => k.replace(/[^a-zA-Z0-9_]/g, '_');
const PROM = {
  scrape: 'prometheus_io_scrape',
  path: 'prometheus_io_path',
  port: 'prometheus_io_port',
  targets: 'prometheus_istio_io_scrape_targets',
};

function promAnnotation(annotations: Obj, which: keyof typeof PROM): string | undefined {
  for (const [k, v] of Object.entries(annotations)) if (sanitize(k) === PROM[which]) return String(v);
  return undefined;
}
export function clearPrometheusAnnotations(annotations: Obj): void {
  for (const k of Object.keys(annotations))
    if (Object.values(PROM).includes(sanitize(k))) delete annotations[k];
}

/**
 * prometheus.istio.io/scrape-targets (`port:path,port:path`, multi-port metrics merging): each entry
 * trimmed, order kept, empty entries skipped, a missing or empty path meaning /metrics.
 */
export function parseScrapeTargets(value: string): { port: string; path: string }[] {
  const out: { port: string; path: string }[] = [];
  for (const entry of value.split(',')) {
    const e = entry.trim();
    if (!e) continue;
    const colon = e.indexOf(':');
    const port = (colon < 0 ? e : e.slice(0, colon)).trim();
    const path = colon < 0 ? '' : e.slice(colon + 1).trim();
    if (port) out.push({ port, path: path || '/metrics' });
  }
  return out;
}

/**
 * applyPrometheusMerge (webhook.go): the app's prometheus.io annotations (and the multi-port
 * prometheus.istio.io/scrape-targets list) move to the agent in ISTIO_PROMETHEUS_ANNOTATIONS
 * ({"scrape","path","port"} plus "targets" when listed), and the pod is scraped at the agent.
 */
function applyPrometheusMerge(pod: Obj, mesh: JsonMap, statusPort: number): void {
  const annotations = annotationsOf(pod);
  const scrape = promAnnotation(annotations, 'scrape');
  if (scrape !== undefined && parseGoBool(scrape) === false) return;
  const merge = annotations['prometheus.istio.io/merge-metrics'];
  const enabled =
    merge !== undefined && parseGoBool(merge) !== undefined
      ? parseGoBool(merge)
      : mesh.enablePrometheusMerge !== false;
  if (!enabled) return;
  const target = String(statusPort);
  if (promAnnotation(annotations, 'port') === target) return;
  const targets = parseScrapeTargets(promAnnotation(annotations, 'targets') ?? '');
  const cfg: Obj = {
    scrape: promAnnotation(annotations, 'scrape') ?? '',
    path: promAnnotation(annotations, 'path') ?? '',
    port: promAnnotation(annotations, 'port') ?? '',
  };
  if (targets.length) cfg.targets = targets;
  const sidecar = findSidecar(pod);
  if (sidecar && (cfg.scrape || cfg.path || cfg.port || targets.length)) {
    sidecar.env = [...arr(sidecar.env), { name: 'ISTIO_PROMETHEUS_ANNOTATIONS', value: goJson(cfg) }];
  }
  clearPrometheusAnnotations(annotations);
  annotations['prometheus.io/port'] = target;
  annotations['prometheus.io/path'] = '/stats/prometheus';
  annotations['prometheus.io/scrape'] = 'true';
}

function statusJson(templateSpec: Obj, revision: string): string {
  const names = (k: 'containers' | 'initContainers' | 'volumes' | 'imagePullSecrets') => {
    const l = list(templateSpec, k).map((c) => String(c.name));
    return l.length ? l : null;
  };
  return goJson({
    initContainers: names('initContainers'),
    containers: names('containers'),
    volumes: names('volumes'),
    imagePullSecrets: names('imagePullSecrets'),
    revision: revision || 'default',
  });
}

type Move = 'first' | 'last' | 'remove';
export function modifyContainers(cs: Obj[], name: string, how: Move): Obj[] {
  const match = cs.find((c) => c.name === name);
  const rest = cs.filter((c) => c.name !== name);
  if (!match || how === 'remove') return rest;
  return how === 'first' ? [match, ...rest] : [...rest, match];
}

/** What post-processing reads of the injection's settings (never changed by it). */
export interface PostProcessContext {
  readonly mesh: JsonMap;
  readonly values: JsonMap;
  readonly revision: string;
  readonly statusPort: number;
  readonly holdApplication: boolean;
  readonly proxyEnvs: Readonly<Record<string, string>>;
  readonly injectedAnnotations: Readonly<Record<string, string>>;
}

export function postProcessPod(pod: Obj, templatePod: Obj, ctx: PostProcessContext): void {
  annotationsOf(pod);
  labelsOf(pod);
  // overwriteClusterInfo: cluster/network env vars go last, sorted.
  const sidecar = findSidecar(pod);
  const envKeys = Object.keys(ctx.proxyEnvs).sort();
  if (sidecar && envKeys.length) {
    const env = arr(sidecar.env).filter((e) => !(isObj(e) && envKeys.includes(toText(e.name))));
    sidecar.env = [...env, ...envKeys.map((k) => ({ name: k, value: ctx.proxyEnvs[k] }))];
  }
  applyPrometheusMerge(pod, ctx.mesh, ctx.statusPort);
  // applyRewrite
  const swh = isObj(ctx.values.sidecarInjectorWebhook) ? ctx.values.sidecarInjectorWebhook : {};
  const annotations = annotationsOf(pod);
  const sc = findSidecar(pod);
  if (sc && shouldRewriteProbes(annotations, swh.rewriteAppHTTPProbe !== false)) {
    const portAnno = annotations['status.sidecar.istio.io/port'];
    const port = portAnno !== undefined ? Number(portAnno) : ctx.statusPort;
    if (port > 0) {
      const probers = rewriteAppProbes(specOf(pod), port);
      if (probers)
        sc.env = mergeProberEnv(
          (Array.isArray(sc.env) ? sc.env : []) as Obj[],
          probers,
          STATUS in annotations,
        );
    }
  }
  // applyMetadata
  if (ctx.proxyEnvs.ISTIO_META_NETWORK !== undefined)
    labelsOf(pod)['topology.istio.io/network'] = ctx.proxyEnvs.ISTIO_META_NETWORK;
  annotations[STATUS] = statusJson(specOf(templatePod), ctx.revision);
  for (const [k, v] of Object.entries(ctx.injectedAnnotations)) annotations[k] = v;
  // reorderPod
  const spec = specOf(pod);
  spec.containers = modifyContainers(list(spec, 'containers'), PROXY, ctx.holdApplication ? 'first' : 'last');
  let inits = list(spec, 'initContainers');
  if (findContainer(PROXY, inits)) {
    inits = modifyContainers(inits, 'enable-core-dump', 'first');
    inits = modifyContainers(inits, PROXY, 'first');
    inits = modifyContainers(inits, 'istio-validation', 'first');
    inits = modifyContainers(inits, 'istio-init', 'first');
  } else {
    inits = modifyContainers(inits, 'istio-validation', 'first');
    inits = modifyContainers(inits, 'istio-init', 'last');
    inits = modifyContainers(inits, 'enable-core-dump', 'last');
  }
  if (inits.length || spec.initContainers !== undefined) spec.initContainers = inits;
}
