// Istio's injection template functions (pkg/kube/inject template.go InjectionFuncmap), layered over sprig.
import type { FuncMap } from './gotemplate';
import { deepCopy, getField, goJson, goYaml, strval } from './gotemplate';
import { isObj, type Obj } from '../util/json';

function annotationsOf(meta: unknown): Obj {
  const a = getField(meta, 'Annotations');
  return isObj(a) ? a : {};
}

export function excludeInboundPort(port: unknown, excluded: unknown): string {
  const portStr = strval(port ?? '').trim();
  const list = strval(excluded ?? '');
  if (!portStr || portStr === '0') return list;
  const out: string[] = [];
  for (const p of list.split(',')) {
    if (p === portStr) return list;
    const t = p.trim();
    if (t) out.push(t);
  }
  out.push(portStr);
  return out.join(',');
}

/**
 * appendMultusNetwork: adds Istio's CNI network (`<namespace>/<name>`) to a pod's
 * k8s.v1.cni.cncf.io/networks value. The JSON-list form gets a `{"name": …, "namespace": …}` element
 * inserted before its closing bracket (the value is otherwise kept byte for byte); the
 * comma-separated form gets `, <namespace>/<name>`. A value already naming the network is unchanged,
 * and a JSON value that does not parse is left alone.
 */
export function appendMultusNetwork(existing: unknown, network: unknown): string {
  const cur = strval(existing ?? '');
  const net = strval(network);
  if (!cur) return net;
  const slash = net.indexOf('/');
  const ns = slash >= 0 ? net.slice(0, slash) : '';
  const name = slash >= 0 ? net.slice(slash + 1) : net;
  const i = cur.lastIndexOf(']');
  if (i >= 0) {
    let nets: unknown;
    try {
      nets = JSON.parse(cur);
    } catch {
      return cur;
    }
    if (!Array.isArray(nets)) return cur;
    const present = nets.some(
      (n) => isObj(n) && n.name === name && (n.namespace === undefined || n.namespace === ns || !ns),
    );
    if (present) return cur;
    const element = ns
      ? `{"name": ${JSON.stringify(name)}, "namespace": ${JSON.stringify(ns)}}`
      : `{"name": ${JSON.stringify(name)}}`;
    // An empty list gets the element alone, so the value stays a JSON list.
    return nets.length ? `${cur.slice(0, i)}, ${element}${cur.slice(i)}` : `[${element}]`;
  }
  if (cur.split(',').some((n) => n.trim() === net)) return cur;
  return `${cur}, ${net}`;
}

/** Go's indent in Istio's funcmap: every line but the first gets `n` spaces. */
function istioIndent(n: unknown, s: unknown): string {
  const pad = ' '.repeat(Number(n) || 0);
  return strval(s)
    .split('\n')
    .map((l, i) => (i > 0 ? pad + l : l))
    .join('\n');
}

/** A copy without null (nil) values, as decoding into Go structs and encoding again drops them. */
export function omitNil(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(omitNil);
  if (isObj(v)) {
    const o: Obj = {};
    for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) o[k] = omitNil(x);
    return o;
  }
  return v;
}

/** The maps' entries as strings, later maps overriding earlier ones. */
function mergeStrMaps(ms: readonly unknown[]): Record<string, string> {
  return ms.reduce<Record<string, string>>((acc, m) => Object.assign(acc, strMap(m)), {});
}

function strMap(v: unknown): Record<string, string> {
  return isObj(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, strval(x)])) : {};
}

/** Go json.Marshal of a map: keys sorted. */
function sortedJson(m: Obj): string {
  return goJson(
    Object.fromEntries(
      Object.keys(m)
        .sort()
        .map((k) => [k, m[k]]),
    ),
  );
}

/** Go json.Marshal of a Kubernetes struct: fields in declaration order for the types templates print. */
const FIELD_ORDER: Record<string, string[]> = {
  containerPort: ['name', 'hostPort', 'containerPort', 'protocol', 'hostIP'],
};
function structToJSON(v: unknown): string {
  if (v === undefined || v === null) return '{}';
  if (isObj(v) && 'containerPort' in v) {
    const o: Obj = {};
    for (const k of FIELD_ORDER.containerPort)
      if (v[k] !== undefined && v[k] !== null && v[k] !== '' && v[k] !== 0) o[k] = v[k];
    return goJson(o);
  }
  return goJson(v);
}

const OTEL_ANNOTATION = 'resource.opentelemetry.io/';

/** An OpenTelemetry tracing provider (`opentelemetry:`) asks for the semantic-convention service attributes. */
function wantsOtelServiceAttributes(mesh: unknown): boolean {
  const providers = getField(mesh, 'ExtensionProviders');
  return (
    Array.isArray(providers) &&
    providers.some(
      (p) =>
        isObj(p) &&
        isObj(p.opentelemetry) &&
        p.opentelemetry.serviceAttributeEnrichment === 'OTEL_SEMANTIC_CONVENTIONS',
    )
  );
}

/**
 * otelResourceAttributes (the injection template's OTEL_RESOURCE_ATTRIBUTES): the OpenTelemetry
 * service attributes Envoy does not compute itself (service.name is the tracer's; Istio's
 * TestOtelResourceAttributes and release notes), each taken from its `resource.opentelemetry.io/<attribute>`
 * annotation first and otherwise computed as OpenTelemetry's Kubernetes conventions say:
 * service.namespace ← the namespace; service.version ← label app.kubernetes.io/version;
 * service.instance.id ← `<namespace>.<pod name>.<container>` (the pod name as $(POD_NAME), the first
 * application container). An attribute with no source is left out; nothing is invented. Only for
 * OpenTelemetry providers with serviceAttributeEnrichment OTEL_SEMANTIC_CONVENTIONS.
 */
export function otelResourceAttributes(
  mesh: unknown,
  annotations: unknown,
  labels: unknown,
  namespace: unknown,
  containers: unknown,
): string {
  if (!wantsOtelServiceAttributes(mesh)) return '';
  const a = isObj(annotations) ? annotations : {};
  const l = isObj(labels) ? labels : {};
  const given = (attr: string) => {
    const v = a[OTEL_ANNOTATION + attr];
    return v === undefined || v === null ? '' : strval(v);
  };
  const ns = strval(namespace ?? '');
  const app = Array.isArray(containers)
    ? containers.find((c): c is Obj => isObj(c) && c.name !== 'istio-proxy')
    : undefined;
  const attrs: [string, string][] = [
    ['service.namespace', given('service.namespace') || ns],
    ['service.version', given('service.version') || strval(l['app.kubernetes.io/version'] ?? '')],
    [
      'service.instance.id',
      given('service.instance.id') || (ns && app ? `${ns}.$(POD_NAME).${strval(app.name)}` : ''),
    ],
  ];
  return attrs
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

export function injectionFuncs(protoToJSON: (v: unknown) => string): FuncMap {
  return {
    formatDuration: (d) => strval(d ?? '0s'),
    isset: (m, k) => isObj(m) && Object.prototype.hasOwnProperty.call(m, strval(k)),
    excludeInboundPort,
    includeInboundPorts: (cs) => ports(cs, () => true),
    applicationPorts: (cs) => ports(cs, (c) => c.name !== 'istio-proxy'),
    kubevirtInterfaces: (s) => s,
    excludeInterfaces: (s) => s,
    annotation: (meta, name, def) => {
      const a = annotationsOf(meta);
      const k = strval(name);
      return Object.prototype.hasOwnProperty.call(a, k)
        ? strval(a[k])
        : strval(def === undefined ? null : def);
    },
    valueOrDefault: (v, d) => (v === '' || v === null || v === undefined ? d : v),
    toJSON: (m) => (m === null || m === undefined ? '{}' : sortedJson(strMap(m))),
    toJson: (m) => (m === null || m === undefined ? '{}' : sortedJson(strMap(m))),
    fromJSON: (j) => {
      try {
        return JSON.parse(strval(j)) as unknown;
      } catch {
        return '{}';
      }
    },
    structToJSON,
    protoToJSON,
    toYaml: (v) => goYaml(deepCopy(v)),
    indent: istioIndent,
    directory: (p) => {
      const s = strval(p);
      const i = s.lastIndexOf('/');
      return i < 0 ? '' : s.slice(0, i + 1);
    },
    contains: (needle, hay) => strval(hay).includes(strval(needle)),
    toLower: (s) => strval(s).toLowerCase(),
    appendMultusNetwork,
    env: (_k, d) => d,
    omit: (m, ...ks) => {
      const o = strMap(m);
      for (const k of ks) delete o[strval(k)];
      return o;
    },
    strdict: (...kv) => {
      const o: Record<string, string> = {};
      for (let i = 0; i < kv.length; i += 2) o[strval(kv[i])] = i + 1 < kv.length ? strval(kv[i + 1]) : '';
      return o;
    },
    toJsonMap: (...ms: unknown[]) => sortedJson(mergeStrMaps(ms)),
    mergeMaps: (...ms: unknown[]) => mergeStrMaps(ms),
    omitNil,
    otelResourceAttributes,
  };
}

function ports(cs: unknown, keep: (c: Obj) => boolean): string {
  const out: string[] = [];
  for (const c of Array.isArray(cs) ? cs : []) {
    if (!isObj(c) || !keep(c)) continue;
    for (const p of Array.isArray(c.ports) ? c.ports : []) {
      if (isObj(p) && p.protocol !== 'UDP' && p.protocol !== 'SCTP') out.push(strval(p.containerPort));
    }
  }
  return out.join(',');
}
