// Injection of one pod (metadata + spec), as Istio's injectPod: strip a previous injection, render
// the selected templates, strategic-merge them onto the pod, re-apply user overrides, post-process.
import { parse } from 'yaml';
import type { InjectSettings, JsonMap } from './bundle';
import { asStringMap, asStruct, compileTemplate, deepCopy } from './gotemplate';
import { clone, strategicMergePod } from './merge';
import { applyProxyConfig } from '../mesh';
import { proxyConfigJson } from './mesh';
import {
  annotationsOf,
  clearPrometheusAnnotations,
  findContainer,
  list,
  modifyContainers,
  parseStatus,
  postProcessPod,
  PROXY,
  reapplyOverwrittenContainers,
  reinsertOverrides,
  specOf,
  STATUS,
} from './postprocess';
import { canonicalQuantity } from '../util/quantity';
import { injectionFuncs, omitNil } from './templateFuncs';
import { validateAnnotations } from './validate';
import { isObj, toText, type Obj } from '../util/json';

export class InjectError extends Error {}

export interface PodContext {
  typeMeta: { apiVersion: string; kind: string };
  deployMeta: { name: string; namespace: string };
}

const PROXY_CONFIG_ANNOTATION = 'proxy.istio.io/config';

/** The pod's effective ProxyConfig: the mesh default config with the proxy.istio.io/config annotation applied. */
export function podProxyConfig(settings: InjectSettings, annotations: Obj): JsonMap {
  const base = isObj(settings.mesh.defaultConfig) ? settings.mesh.defaultConfig : {};
  const a = annotations[PROXY_CONFIG_ANNOTATION];
  if (typeof a === 'string') {
    let overlay: unknown;
    try {
      overlay = parse(a);
    } catch (e) {
      throw new InjectError(
        `invalid value for annotation '${PROXY_CONFIG_ANNOTATION}': ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
      );
    }
    if (overlay !== null && !isObj(overlay))
      throw new InjectError(
        `invalid value for annotation '${PROXY_CONFIG_ANNOTATION}': expected a ProxyConfig map`,
      );
    return applyProxyConfig(base, overlay);
  }
  return deepCopy(base);
}

/** stripPod: removes what a previous injection added, so re-injection starts from the user's pod. */
function stripPod(pod: Obj, statusPort: number): Obj {
  const annotations = annotationsOf(pod);
  const status = parseStatus(annotations[STATUS]);
  if (!status) return pod;
  const p = clone(pod);
  const spec = specOf(p);
  for (const c of status.containers)
    spec.containers = modifyContainers(list(spec, 'containers'), c, 'remove');
  for (const c of status.initContainers)
    spec.initContainers = modifyContainers(list(spec, 'initContainers'), c, 'remove');
  const pa = annotationsOf(p);
  const port = Object.entries(pa).find(([k]) => k.replace(/[^a-zA-Z0-9_]/g, '_') === 'prometheus_io_port');
  if (port && String(port[1]) === String(statusPort)) clearPrometheusAnnotations(pa);
  delete pa[STATUS];
  return p;
}

/** imageURL (pkg/kube/inject): `hub/name:tag`, the tag's variant suffix swapped for the image type. */
export function imageURL(hub: string, name: string, tag: string, imageType: string): string {
  let t = tag;
  if (imageType) {
    for (const known of ['distroless', 'debug'])
      if (t.endsWith('-' + known)) {
        t = t.slice(0, -known.length - 1);
        break;
      }
    if (imageType !== 'default') t = `${t}-${imageType}`;
  }
  return `${hub}/${name}:${t}`;
}

function selectTemplates(settings: InjectSettings, annotations: Obj): string[] {
  const a = annotations['inject.istio.io/templates'];
  const names = typeof a === 'string' ? a.split(',').map((s) => s.trim()) : settings.config.defaultTemplates;
  return names.flatMap((n) => settings.config.aliases[n] ?? [n]);
}

function num(v: unknown, d: number): number {
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : d;
}

// Rendered template text → parsed overlay. Editing one document re-renders the same text for the
// others, so a small cache saves most of the YAML parsing on a keystroke. Overlays are never mutated.
const rendered = new Map<string, Obj>();
const RENDERED_LIMIT = 128;

function parseRendered(name: string, text: string): Obj {
  const hit = rendered.get(text);
  if (hit) return hit;
  let overlay: unknown;
  try {
    overlay = parse(text, { version: '1.1', uniqueKeys: false });
  } catch (e) {
    throw new InjectError(
      `failed parsing generated injected YAML (template ${name}): ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
    );
  }
  const patch = isObj(overlay) ? overlay : {};
  if (rendered.size >= RENDERED_LIMIT) rendered.delete(rendered.keys().next().value as string);
  rendered.set(text, patch);
  return patch;
}

/** Injects one pod. `pod` is not modified; the injected pod is returned. */
export function injectPod(pod: Obj, ctx: PodContext, settings: InjectSettings): Obj {
  const original = clone(pod);
  const annotations = annotationsOf(original);
  validateAnnotations(annotations);
  const proxyConfig = podProxyConfig(settings, annotations);
  const mesh: JsonMap = { ...settings.mesh, defaultConfig: proxyConfig };
  const values = settings.values;
  const global = isObj(values.global) ? values.global : {};
  const gproxy = isObj(global.proxy) ? global.proxy : {};
  const statusPort = num(proxyConfig.statusPort, 15020);

  // Cluster and network identity (values, overridden by the pod's topology.istio.io/network label).
  const proxyEnvs: Record<string, string> = {};
  const cluster = isObj(global.multiCluster) ? toText(global.multiCluster.clusterName ?? '') : '';
  let network = toText(global.network ?? '');
  const labels = isObj((original.metadata as Obj)?.labels) ? ((original.metadata as Obj).labels as Obj) : {};
  if (typeof labels['topology.istio.io/network'] === 'string') network = labels['topology.istio.io/network'];
  if (cluster) proxyEnvs.ISTIO_META_CLUSTER_ID = cluster;
  if (network) proxyEnvs.ISTIO_META_NETWORK = network;

  const stripped = reinsertOverrides(stripPod(original, statusPort));
  const smeta = clone((stripped.metadata ?? {}) as Obj);
  smeta.annotations = asStringMap({ ...((smeta.annotations as Obj) ?? {}) });
  smeta.labels = asStringMap({ ...((smeta.labels as Obj) ?? {}) });
  const pcView = asStruct({
    interceptionMode: 'REDIRECT',
    ...clone(proxyConfig),
    proxyMetadata: asStringMap({ ...((proxyConfig.proxyMetadata as Obj) ?? {}) }),
  });
  const imageType = toText(
    annotations['sidecar.istio.io/proxyImageType'] ??
      (isObj(proxyConfig.image) ? (proxyConfig.image.imageType ?? '') : ''),
  );
  const hub = toText(global.hub ?? '');
  const tag = toText(global.tag ?? '');
  const inboundMode =
    isObj(mesh.inboundTrafficPolicy) && mesh.inboundTrafficPolicy.mode === 'LOCALHOST'
      ? 'localhost'
      : 'passthrough';
  const data = asStruct({
    TypeMeta: asStruct({ apiVersion: ctx.typeMeta.apiVersion, kind: ctx.typeMeta.kind }),
    DeploymentMeta: asStruct({ name: ctx.deployMeta.name, namespace: ctx.deployMeta.namespace }),
    ObjectMeta: asStruct(smeta),
    Spec: asStruct(clone(specOf(stripped))),
    ProxyConfig: pcView,
    MeshConfig: asStruct(clone(mesh)),
    Values: values,
    Revision: settings.revision,
    ProxyImage: imageURL(hub, toText(gproxy.image || 'proxyv2'), tag, imageType),
    ProxyInitImage: imageURL(
      hub,
      toText((isObj(global.proxy_init) && global.proxy_init.image) || 'proxyv2'),
      tag,
      imageType,
    ),
    ProxyUID: 1337,
    ProxyGID: 1337,
    InboundTrafficPolicyMode: inboundMode,
    NativeSidecars: settings.nativeSidecars,
    CompliancePolicy: settings.compliancePolicy,
  });
  const funcs = injectionFuncs(() => proxyConfigJson(proxyConfig));

  let merged = clone(original);
  let templatePod: Obj = {};
  for (const name of selectTemplates(settings, annotations)) {
    const src = settings.config.templates[name];
    if (src === undefined)
      throw new InjectError(
        `requested template "${name}" not found; have ${Object.keys(settings.config.templates).join(', ')}`,
      );
    let text: string;
    try {
      text = compileTemplate(name, src, funcs).execute(data);
    } catch (e) {
      throw new InjectError(
        `failed to run injection template ${name}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    const patch = parseRendered(name, text);
    templatePod = strategicMergePod(templatePod, patch);
    // Native sidecar: the template puts istio-proxy in initContainers; a user's istio-proxy
    // customization sits in containers, so it moves along.
    if (
      findContainer(PROXY, list(specOf(templatePod), 'initContainers')) &&
      findContainer(PROXY, list(specOf(merged), 'containers'))
    ) {
      const spec = specOf(merged);
      const c = findContainer(PROXY, list(spec, 'containers'))!;
      spec.containers = list(spec, 'containers').filter((x) => x !== c);
      spec.initContainers = [...list(spec, 'initContainers'), c];
    }
    merged = strategicMergePod(merged, patch);
  }

  merged = reapplyOverwrittenContainers(
    merged,
    original,
    templatePod,
    toText(proxyConfig.interceptionMode ?? 'REDIRECT'),
  );
  const hold =
    proxyConfig.holdApplicationUntilProxyStarts === true || gproxy.holdApplicationUntilProxyStarts === true;
  postProcessPod(merged, templatePod, {
    mesh,
    values,
    revision: settings.revision,
    statusPort,
    holdApplication: hold,
    proxyEnvs,
    injectedAnnotations: settings.config.injectedAnnotations,
  });
  return goRoundTrip(merged);
}

/** What decoding into corev1.Pod and encoding again does: nulls vanish, quantities become canonical. */
export function goRoundTrip(pod: Obj): Obj {
  const out = omitNil(pod) as Obj;
  const spec = specOf(out);
  for (const c of [...list(spec, 'containers'), ...list(spec, 'initContainers')]) {
    // Probe counters are omitempty int32s: a 0 disappears.
    for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
      const p = c[probe];
      if (!isObj(p)) continue;
      for (const k of [
        'initialDelaySeconds',
        'timeoutSeconds',
        'periodSeconds',
        'successThreshold',
        'failureThreshold',
      ])
        if (p[k] === 0) delete p[k];
    }
    // EnvVar.value is omitempty.
    for (const e of Array.isArray(c.env) ? c.env : []) if (isObj(e) && e.value === '') delete e.value;
    const r = c.resources;
    if (!isObj(r)) continue;
    for (const k of ['limits', 'requests']) {
      const m = r[k];
      if (!isObj(m)) continue;
      for (const [name, q] of Object.entries(m)) m[name] = canonicalQuantity(q) ?? q;
    }
  }
  return out;
}
