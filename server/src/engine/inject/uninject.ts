// kube-uninject: removes what injection added, guided by the sidecar.istio.io/status annotation,
// and restores what it moved (app probes, prometheus annotations, a user's istio-proxy overrides).
import { dropGoTypedArtifacts } from './goForm';
import type { ParsedFile } from '../parse/parseFile';
import { docSource, spliceDocs, stringifyDoc } from './inject';
import { KUBE_APP_PROBERS } from './probes';
import { clearPrometheusAnnotations, list, OVERRIDES, parseStatus, PROXY, STATUS } from './postprocess';
import { isList, isWorkloadKind, locatePod } from './workloads';
import { isObj, toText, type Obj } from '../util/json';

function envValue(c: Obj | undefined, name: string): string | undefined {
  const e = (Array.isArray(c?.env) ? c.env : []).find((x) => isObj(x) && x.name === name) as Obj | undefined;
  return typeof e?.value === 'string' ? e.value : undefined;
}

function restoreHandler(handler: Obj, prober: Obj): Obj {
  const out: Obj = { ...handler };
  delete out.httpGet;
  for (const k of ['httpGet', 'tcpSocket', 'grpc']) if (isObj(prober[k])) out[k] = prober[k];
  return out;
}

function restoreProbes(spec: Obj, probersJson: string | undefined): void {
  if (!probersJson) return;
  let probers: Record<string, Obj>;
  try {
    probers = JSON.parse(probersJson) as Record<string, Obj>;
  } catch {
    return;
  }
  const cs = [...list(spec, 'containers'), ...list(spec, 'initContainers')];
  for (const c of cs) {
    for (const field of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
      const p = c[field];
      const path = isObj(p) && isObj(p.httpGet) ? p.httpGet.path : undefined;
      if (typeof path === 'string' && isObj(probers[path]))
        c[field] = restoreHandler(p as Obj, probers[path]);
    }
    if (isObj(c.lifecycle)) {
      for (const hook of ['preStop', 'postStart']) {
        const h: unknown = c.lifecycle[hook];
        const path = isObj(h) && isObj(h.httpGet) ? h.httpGet.path : undefined;
        if (typeof path === 'string' && isObj(probers[path]))
          c.lifecycle[hook] = restoreHandler(h as Obj, probers[path]);
      }
    }
  }
}

/** Removes injection from one pod (metadata + spec). Returns false when the pod was not injected. */
export function uninjectPod(pod: Obj, deployName: string): boolean {
  const meta = (pod.metadata ??= {}) as Obj;
  const spec = (pod.spec ??= {}) as Obj;
  const annotations = isObj(meta.annotations) ? meta.annotations : {};
  const status = parseStatus(annotations[STATUS]);
  if (!status) return false;
  const revision = (() => {
    try {
      return toText((JSON.parse(toText(annotations[STATUS])) as Obj).revision ?? 'default');
    } catch {
      return 'default';
    }
  })();
  const sidecar = [...list(spec, 'containers'), ...list(spec, 'initContainers')].find(
    (c) => c.name === PROXY,
  );
  const probers = envValue(sidecar, KUBE_APP_PROBERS);
  const prom = envValue(sidecar, 'ISTIO_PROMETHEUS_ANNOTATIONS');
  const cni = status.initContainers.includes('istio-validation');
  const gateway = Array.isArray(sidecar?.args) && sidecar.args.includes('router');

  spec.containers = list(spec, 'containers').filter((c) => !status.containers.includes(String(c.name)));
  const inits = list(spec, 'initContainers').filter((c) => !status.initContainers.includes(String(c.name)));
  if (inits.length) spec.initContainers = inits;
  else delete spec.initContainers;
  const vols = list(spec, 'volumes').filter((v) => !status.volumes.includes(String(v.name)));
  if (vols.length) spec.volumes = vols;
  else delete spec.volumes;
  const secrets = list(spec, 'imagePullSecrets').filter(
    (s) => !status.imagePullSecrets.includes(String(s.name)),
  );
  if (secrets.length) spec.imagePullSecrets = secrets;
  else delete spec.imagePullSecrets;

  // A user's own istio-proxy / istio-init customizations come back as they were written.
  if (typeof annotations[OVERRIDES] === 'string') {
    try {
      const ov = JSON.parse(annotations[OVERRIDES]) as {
        containers?: Obj[];
        initContainers?: Obj[];
      };
      const restore = (c: Obj) => {
        const x = { ...c };
        if (isObj(x.resources) && !Object.keys(x.resources).length) delete x.resources;
        if (!x.image) x.image = 'auto'; // injection drops the required image only when it was "auto"
        return x;
      };
      // istio-proxy customizations live in containers (native sidecar or not); other init containers stay init containers.
      const all = [...(ov.containers ?? []), ...(ov.initContainers ?? [])].filter(isObj).map(restore);
      spec.containers = [
        ...list(spec, 'containers'),
        ...all.filter((c) => c.name === PROXY || (ov.containers ?? []).some((o) => o.name === c.name)),
      ];
      const backInit = (ov.initContainers ?? []).filter((c) => isObj(c) && c.name !== PROXY).map(restore);
      if (backInit.length) spec.initContainers = [...backInit, ...list(spec, 'initContainers')];
    } catch {
      /* leave the annotation's containers out */
    }
    delete annotations[OVERRIDES];
  }
  restoreProbes(spec, probers);
  if (gateway && isObj(spec.securityContext)) {
    // The gateway template lets the proxy bind low ports with this sysctl.
    const sc = spec.securityContext;
    const sysctls = (Array.isArray(sc.sysctls) ? sc.sysctls : []).filter(
      (x) => !(isObj(x) && x.name === 'net.ipv4.ip_unprivileged_port_start' && x.value === '0'),
    );
    if (sysctls.length) sc.sysctls = sysctls;
    else delete sc.sysctls;
    if (!Object.keys(sc).length) delete spec.securityContext;
  }

  if (prom !== undefined) {
    clearPrometheusAnnotations(annotations);
    try {
      const cfg = JSON.parse(prom) as Obj;
      for (const k of ['scrape', 'path', 'port']) if (cfg[k]) annotations[`prometheus.io/${k}`] = cfg[k];
      // The multi-port list goes back as the annotation it came from.
      const targets = Array.isArray(cfg.targets) ? (cfg.targets as unknown[]).filter(isObj) : [];
      if (targets.length)
        annotations['prometheus.istio.io/scrape-targets'] = targets
          .map((t) => `${String(t.port)}:${String(t.path)}`)
          .join(',');
    } catch {
      /* ignore */
    }
  } else if (
    annotations['prometheus.io/path'] === '/stats/prometheus' &&
    annotations['prometheus.io/scrape'] === 'true'
  ) {
    clearPrometheusAnnotations(annotations);
  }
  delete annotations[STATUS];
  if (annotations['istio.io/rev'] === revision) delete annotations['istio.io/rev'];
  const first = list(spec, 'containers').find((c) => c.name !== PROXY)?.name;
  for (const k of [
    'kubectl.kubernetes.io/default-container',
    'kubectl.kubernetes.io/default-logs-container',
  ]) {
    if (annotations[k] === first) delete annotations[k];
  }
  if (cni) {
    for (const k of Object.keys(annotations)) {
      if (
        k === 'sidecar.istio.io/interceptionMode' ||
        (k.startsWith('traffic.sidecar.istio.io/') && !/kubevirtInterfaces|excludeInterfaces/.test(k))
      )
        delete annotations[k];
    }
    const multus = annotations['k8s.v1.cni.cncf.io/networks'];
    if (multus === 'default/istio-cni') delete annotations['k8s.v1.cni.cncf.io/networks'];
    else if (typeof multus === 'string')
      annotations['k8s.v1.cni.cncf.io/networks'] = multus
        .replace(/, default\/istio-cni$/, '')
        .replace(/, \{"name": "default\/istio-cni"\}(?=\])/, '');
  }

  const labels = isObj(meta.labels) ? meta.labels : {};
  if (labels['security.istio.io/tlsMode'] === 'istio') delete labels['security.istio.io/tlsMode'];
  if (labels['networking.istio.io/tunnel'] === 'http') delete labels['networking.istio.io/tunnel'];
  const name = toText(labels['app.kubernetes.io/name'] ?? labels.app ?? deployName)
    .slice(0, 63)
    .replace(/^[-_.]+|[-_.]+$/g, '');
  if (labels['service.istio.io/canonical-name'] === name) delete labels['service.istio.io/canonical-name'];
  const rev = toText(labels['app.kubernetes.io/version'] ?? labels.version ?? 'latest');
  if (labels['service.istio.io/canonical-revision'] === rev)
    delete labels['service.istio.io/canonical-revision'];
  const network = envValue(sidecar, 'ISTIO_META_NETWORK');
  if (network !== undefined && labels['topology.istio.io/network'] === network)
    delete labels['topology.istio.io/network'];

  if (isObj(meta.annotations) && !Object.keys(annotations).length) delete meta.annotations;
  if (isObj(meta.labels) && !Object.keys(labels).length) delete meta.labels;
  return true;
}

export function uninjectObject(obj: Obj): { obj: Obj; changed: boolean } {
  if (isList(obj)) {
    let changed = false;
    const items = obj.items.map((i) => {
      if (!isObj(i)) return i;
      const r = uninjectObject(i);
      changed ||= r.changed;
      return r.obj;
    });
    const list: Obj = { ...obj, items };
    return { obj: changed ? dropGoTypedArtifacts(list) : list, changed };
  }
  const copy = JSON.parse(JSON.stringify(obj)) as Obj;
  const loc = locatePod(copy);
  if (!loc) return { obj, changed: false };
  const pod = JSON.parse(JSON.stringify(loc.pod)) as Obj;
  if (!uninjectPod(pod, loc.deployMeta.name)) return { obj, changed: false };
  loc.write(pod);
  return { obj: dropGoTypedArtifacts(copy), changed: true };
}

export function uninjectFile(file: ParsedFile): { text: string | null; error: string | null } {
  if (file.failure) return { text: null, error: file.failure.message };
  const replacements = new Map<number, string>();
  for (const doc of file.docs) {
    const r = doc.resource;
    if (doc.ast.errors.length)
      return {
        text: null,
        error: `document ${doc.index + 1} is not valid YAML: ${doc.ast.errors[0].message.split('\n')[0]}`,
      };
    if (!r || doc.templated || !(isWorkloadKind(r.apiVersion, r.kind) || r.kind === 'List')) continue;
    try {
      const res = uninjectObject(doc.ast.toJS({ maxAliasCount: 100 }) as Obj);
      if (res.changed) replacements.set(doc.index, stringifyDoc(res.obj, docSource(file, doc)));
    } catch (e) {
      return {
        text: null,
        error: `document ${doc.index + 1}: ${e instanceof Error ? e.message : String(e)}`,
      };
    }
  }
  return { text: spliceDocs(file, replacements), error: null };
}
