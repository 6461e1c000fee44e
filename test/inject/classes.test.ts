// One test per injection behaviour class of issue 12, each stating the upstream rule it follows.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse, parseAllDocuments } from 'yaml';
import { goTypedForm } from '../../server/src/engine/inject/goForm';
import { proxyConfigJson } from '../../server/src/engine/inject/mesh';
import { parseScrapeTargets } from '../../server/src/engine/inject/postprocess';
import { appendMultusNetwork, otelResourceAttributes } from '../../server/src/engine/inject/templateFuncs';
import { asStruct } from '../../server/src/engine/inject/gotemplate';
import { applyProxyConfig, defaultProxyConfig } from '../../server/src/engine/mesh';
import type { Obj } from '../../server/src/engine/util/json';
import { inject, uninject } from './goldenCases';

/** The value at a dotted path (numeric parts index lists), or undefined. */
function at(v: unknown, path: string): unknown {
  let cur = v;
  for (const p of path.split('.')) {
    if (Array.isArray(cur)) cur = (cur as unknown[])[Number(p)];
    else if (typeof cur === 'object' && cur !== null) cur = (cur as Obj)[p];
    else return undefined;
  }
  return cur;
}
const list = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);

/** Injects one document through the CLI; returns the injected documents. */
function run(yaml: string, args: string[] = []): Obj[] {
  const r = inject(['-f', 'in.yaml', ...args], { 'in.yaml': yaml });
  assert.equal(r.code, 0, r.stderr);
  return parseAllDocuments(r.stdout).map((d) => d.toJS() as Obj);
}
function podSpec(doc: Obj): unknown {
  return doc.kind === 'Pod' ? doc.spec : at(doc, 'spec.template.spec');
}
function container(doc: Obj, name: string): Obj | undefined {
  const s = podSpec(doc);
  return [...list(at(s, 'initContainers')), ...list(at(s, 'containers'))].find((c) => c.name === name);
}
function env(doc: Obj, name: string): unknown {
  return list(container(doc, 'istio-proxy')?.env).find((e) => e.name === name)?.value;
}
const pod = (annotations: Obj, containers: Obj[] = [{ name: 'app', image: 'app' }]) =>
  JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', annotations },
    spec: { containers },
  });

describe('PROXY_CONFIG: protoToJSON(cleanProxyConfig(ApplyProxyConfig(annotation, mesh)))', () => {
  it('protojson writes camelCase JSON names even for snake_case input, in proto declaration order', () => {
    const pc = applyProxyConfig(
      defaultProxyConfig(),
      parse('status_port: 15021\nproxy_metadata: {B: "1"}\ndrain_duration: 30s'),
    );
    assert.equal(proxyConfigJson(pc), '{"drainDuration":"30s","proxyMetadata":{"B":"1"},"statusPort":15021}');
  });
  it('protojson sorts map keys and keeps a wrapper set to zero ("concurrency":0)', () => {
    const pc = applyProxyConfig(defaultProxyConfig(), { proxyMetadata: { Z: '1', A: '2' }, concurrency: 0 });
    assert.equal(proxyConfigJson(pc), '{"concurrency":0,"proxyMetadata":{"A":"2","Z":"1"}}');
  });
  it('proto3 zero values are omitted, enum zero values too (interceptionMode REDIRECT)', () => {
    const pc = applyProxyConfig(defaultProxyConfig(), {
      interceptionMode: 'REDIRECT',
      meshId: '',
      extraStatTags: [],
    });
    assert.equal(proxyConfigJson(pc), '{}');
  });
  it('nested messages and maps follow the same rules (tracing.custom_tags)', () => {
    const pc = applyProxyConfig(
      defaultProxyConfig(),
      parse(
        'tracing:\n  sampling: 10\n  custom_tags:\n    b: {literal: {value: x}}\n    a: {environment: {name: E, default_value: d}}',
      ),
    );
    assert.equal(
      proxyConfigJson(pc),
      '{"tracing":{"customTags":{"a":{"environment":{"name":"E","defaultValue":"d"}},"b":{"literal":{"value":"x"}}},"sampling":10}}',
    );
  });
  it('cleanProxyConfig drops only fields equal to DefaultProxyConfig(): a chart zipkin tracer is kept', () => {
    const [doc] = run(pod({}), ['--set', 'values.global.proxy.tracer=zipkin']);
    assert.equal(env(doc, 'PROXY_CONFIG'), '{"tracing":{"zipkin":{"address":"zipkin.istio-system:9411"}}}\n');
  });
  it('the annotation is merged with the mesh default per field, proxyMetadata key by key', () => {
    const [doc] = run(pod({ 'proxy.istio.io/config': 'proxy_metadata: {A: "2"}\nconcurrency: 0\n' }), [
      '--set',
      'meshConfig.defaultConfig.proxyMetadata.B=1',
    ]);
    assert.equal(env(doc, 'PROXY_CONFIG'), '{"concurrency":0,"proxyMetadata":{"A":"2","B":"1"}}\n');
  });
});

describe('ISTIO_KUBE_APP_PROBERS: Go encoding/json of the agent Prober types', () => {
  it('a gRPC probe keeps corev1.GRPCAction fields without omitempty: "service":null when unset', () => {
    const [doc] = run(pod({}, [{ name: 'app', image: 'a', readinessProbe: { grpc: { port: 9000 } } }]));
    assert.equal(
      env(doc, 'ISTIO_KUBE_APP_PROBERS'),
      '{"/app-health/app/readyz":{"grpc":{"port":9000,"service":null}}}',
    );
  });
  it('a named gRPC service is written as given, and the probe itself becomes an HTTP GET on the agent', () => {
    const [doc] = run(
      pod({}, [
        { name: 'app', image: 'a', livenessProbe: { grpc: { port: 9000, service: 'h' }, timeoutSeconds: 2 } },
      ]),
    );
    assert.equal(
      env(doc, 'ISTIO_KUBE_APP_PROBERS'),
      '{"/app-health/app/livez":{"grpc":{"port":9000,"service":"h"},"timeoutSeconds":2}}',
    );
    const app = container(doc, 'app');
    assert.deepEqual(at(app, 'livenessProbe.httpGet'), { path: '/app-health/app/livez', port: 15020 });
    assert.equal(at(app, 'livenessProbe.grpc'), undefined);
  });
});

describe('appendMultusNetwork (k8s.v1.cni.cncf.io/networks)', () => {
  it('the JSON-list form gets {"name": …, "namespace": …} before its closing bracket, other bytes kept', () => {
    assert.equal(
      appendMultusNetwork(
        '[{"name": "alt"}, {"name": "more", "namespace": "kube-system"}]',
        'default/istio-cni',
      ),
      '[{"name": "alt"}, {"name": "more", "namespace": "kube-system"}, {"name": "istio-cni", "namespace": "default"}]',
    );
  });
  it('the comma-separated form gets ", <namespace>/<name>"; an empty value is the network alone', () => {
    assert.equal(appendMultusNetwork('alt', 'default/istio-cni'), 'alt, default/istio-cni');
    assert.equal(appendMultusNetwork('', 'default/istio-cni'), 'default/istio-cni');
  });
  it('a value already naming the network is unchanged; a JSON value that does not parse is left alone', () => {
    const has = '[{"name": "istio-cni", "namespace": "default"}]';
    assert.equal(appendMultusNetwork(has, 'default/istio-cni'), has);
    assert.equal(
      appendMultusNetwork('alt, default/istio-cni', 'default/istio-cni'),
      'alt, default/istio-cni',
    );
    assert.equal(appendMultusNetwork('[{"name": ]', 'default/istio-cni'), '[{"name": ]');
  });
  it('through injection with the multus CNI provider', () => {
    const [doc] = run(pod({ 'k8s.v1.cni.cncf.io/networks': '[{"name": "alt"}]' }), [
      '--set',
      'components.cni.enabled=true',
      '--set',
      'values.cni.provider=multus',
    ]);
    assert.equal(
      (at(doc, 'metadata.annotations') as Obj)['k8s.v1.cni.cncf.io/networks'],
      '[{"name": "alt"}, {"name": "istio-cni", "namespace": "default"}]',
    );
  });
});

describe('multi-port metrics merge (prometheus.istio.io/scrape-targets)', () => {
  it('port:path entries are trimmed, kept in order, an empty path meaning /metrics', () => {
    assert.deepEqual(parseScrapeTargets(' 8080:/metrics, 9100:,9200 ,,'), [
      { port: '8080', path: '/metrics' },
      { port: '9100', path: '/metrics' },
      { port: '9200', path: '/metrics' },
    ]);
  });
  it('the targets travel in ISTIO_PROMETHEUS_ANNOTATIONS, the annotation moves off the pod, which is scraped at the agent', () => {
    const [doc] = run(
      pod({
        'prometheus.io/scrape': 'true',
        'prometheus.istio.io/scrape-targets': '8080:/metrics,9100:/custom',
      }),
    );
    assert.equal(
      env(doc, 'ISTIO_PROMETHEUS_ANNOTATIONS'),
      '{"scrape":"true","path":"","port":"","targets":[{"port":"8080","path":"/metrics"},{"port":"9100","path":"/custom"}]}',
    );
    const a = at(doc, 'metadata.annotations') as Obj;
    assert.equal(a['prometheus.istio.io/scrape-targets'], undefined);
    assert.deepEqual(
      [a['prometheus.io/port'], a['prometheus.io/path'], a['prometheus.io/scrape']],
      ['15020', '/stats/prometheus', 'true'],
    );
  });
  it('removing the injection puts the annotation back', () => {
    const input = pod({
      'prometheus.io/scrape': 'true',
      'prometheus.istio.io/scrape-targets': '8080:/metrics,9100:/custom',
    });
    const injected = inject(['-f', 'in.yaml'], { 'in.yaml': input }).stdout;
    const back: unknown = parse(uninject(['-f', 'x.yaml'], { 'x.yaml': injected }).stdout);
    assert.equal(
      (at(back, 'metadata.annotations') as Obj)['prometheus.istio.io/scrape-targets'],
      '8080:/metrics,9100:/custom',
    );
  });
});

describe('otelResourceAttributes (OpenTelemetry service attributes)', () => {
  const mesh = (provider: Obj) => asStruct({ extensionProviders: [{ name: 'p', ...provider }] });
  const otel = mesh({
    opentelemetry: { service: 'c', port: 4317, serviceAttributeEnrichment: 'OTEL_SEMANTIC_CONVENTIONS' },
  });
  const containers = [{ name: 'istio-proxy' }, { name: 'app' }];
  it('namespace, version label and <ns>.$(POD_NAME).<container> when nothing is annotated', () => {
    assert.equal(
      otelResourceAttributes(otel, {}, { 'app.kubernetes.io/version': 'v1' }, 'shop', containers),
      'service.namespace=shop,service.version=v1,service.instance.id=shop.$(POD_NAME).app',
    );
  });
  // The rules of Istio's TestOtelResourceAttributes (pkg/kube/inject/template_test.go): only the
  // three attributes Envoy does not compute itself (service.name is the tracer's), in this order, an
  // annotation over the namespace and over the app.kubernetes.io/version label, nothing without a
  // provider asking for OTEL_SEMANTIC_CONVENTIONS (ISTIO_CANONICAL included), no namespace when empty.
  it('resource.opentelemetry.io/service.* annotations win over computed values', () => {
    const a = {
      'resource.opentelemetry.io/service.namespace': 'team',
      'resource.opentelemetry.io/service.name': 'cart',
      'resource.opentelemetry.io/service.version': '2.0',
      'resource.opentelemetry.io/service.instance.id': 'i-1',
    };
    assert.equal(
      otelResourceAttributes(otel, a, { 'app.kubernetes.io/version': 'v1' }, 'shop', containers),
      'service.namespace=team,service.version=2.0,service.instance.id=i-1',
    );
  });
  it('no invented fallbacks: no version label means no service.version, no namespace means none is filled in', () => {
    assert.equal(otelResourceAttributes(otel, {}, { version: 'v9' }, '', containers), '');
  });
  it('only OpenTelemetry providers asking for the semantic conventions', () => {
    const other = mesh({ zipkin: { service: 'z', serviceAttributeEnrichment: 'OTEL_SEMANTIC_CONVENTIONS' } });
    assert.equal(otelResourceAttributes(other, {}, {}, 'shop', containers), '');
    const plain = mesh({ opentelemetry: { service: 'c', port: 4317 } });
    assert.equal(otelResourceAttributes(plain, {}, {}, 'shop', containers), '');
    const canonical = mesh({
      opentelemetry: { service: 'c', port: 4317, serviceAttributeEnrichment: 'ISTIO_CANONICAL' },
    });
    assert.equal(otelResourceAttributes(canonical, {}, {}, 'shop', containers), '');
  });
});

describe("Go's typed form of the rewritten document (istioctl decodes and re-encodes it)", () => {
  it('omitempty drops "" and [] (not in label/annotation maps); nulls and creationTimestamp: null go', () => {
    const d = goTypedForm({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 's', creationTimestamp: null, labels: { empty: '' } },
      spec: {
        serviceName: 's',
        volumeClaimTemplates: [],
        template: { spec: { serviceAccountName: '', containers: [{ name: 'c', args: [] }] } },
      },
    });
    assert.deepEqual(d.metadata, { name: 's', labels: { empty: '' } });
    assert.equal(at(d, 'spec.volumeClaimTemplates'), undefined);
    assert.equal(at(d, 'spec.template.spec.serviceAccountName'), undefined);
    assert.equal(at(d, 'spec.template.spec.containers.0.args'), undefined);
  });
  it('struct fields appear when empty: resources: {}, status: {} (with non-omitempty counters), strategy: {}', () => {
    const dep = goTypedForm({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      spec: { template: { spec: { containers: [{ name: 'c' }] } } },
    });
    assert.deepEqual(dep.status, {});
    assert.deepEqual(at(dep, 'spec.strategy'), {});
    assert.deepEqual(at(dep, 'spec.template.spec.containers.0.resources'), {});
    const ss = goTypedForm({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      spec: { template: { spec: { containers: [] } } },
    });
    assert.deepEqual(ss.status, { availableReplicas: 0, replicas: 0 });
    assert.deepEqual(at(ss, 'spec.updateStrategy'), {});
  });
  it('quantities are canonical (1000m → 1, 1024Mi → 1Gi), in claim templates too', () => {
    const d = goTypedForm({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      spec: {
        template: {
          spec: { containers: [{ name: 'c', resources: { limits: { cpu: '1000m', memory: '1024Mi' } } }] },
        },
        volumeClaimTemplates: [
          { metadata: { name: 'data' }, spec: { resources: { requests: { storage: '2048Mi' } } } },
        ],
      },
    });
    assert.deepEqual(at(d, 'spec.template.spec.containers.0.resources.limits'), { cpu: '1', memory: '1Gi' });
    assert.deepEqual(at(d, 'spec.volumeClaimTemplates.0'), {
      metadata: { name: 'data' },
      spec: { resources: { requests: { storage: '2Gi' } } },
      status: {},
    });
  });
  it('injection rewrites only the injected document; a skipped or other document keeps its bytes', () => {
    const other = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: ""}\n';
    const skipped =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: h}\nspec:\n  hostNetwork: true\n  serviceAccountName: ""\n  containers: [{name: c, image: i}]\n';
    const r = inject(['-f', 'in.yaml'], { 'in.yaml': `${other}---\n${skipped}---\n${pod({})}\n` });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.startsWith(`${other}---\n${skipped}---\n`), r.stdout.slice(0, 300));
    const injected = parseAllDocuments(r.stdout).map((d) => d.toJS() as Obj)[2];
    assert.deepEqual(injected.status, {});
  });
});
