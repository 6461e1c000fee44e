// The Go text/template engine: table-driven cases of the language features the injection and chart
// templates use, with outputs as Go's text/template + sprig produce them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  asStringMap,
  asStruct,
  compileTemplate,
  TemplateExecError,
  TemplateSyntaxError,
} from '../../server/src/engine/inject/gotemplate';
import { injectionFuncs } from '../../server/src/engine/inject/templateFuncs';

const funcs = injectionFuncs(() => '{}');
const data = () =>
  asStruct({
    Name: 'hello',
    Count: 3,
    Zero: 0,
    Ports: [80, 443],
    Values: {
      global: {
        proxy: { image: 'proxyv2', statusPort: 15020, empty: {}, list: [] },
        hub: 'docker.io/istio',
        big: 1000000,
      },
      flag: true,
    },
    ObjectMeta: asStruct({
      annotations: asStringMap({ 'a/b': 'x', 'sidecar.istio.io/proxyImage': 'img' }),
      labels: asStringMap({ app: 'web' }),
    }),
    Spec: asStruct({
      containers: [{ name: 'app', ports: [{ name: 'http', containerPort: 80 }] }, { name: 'istio-proxy' }],
      serviceAccountName: '',
    }),
    ProxyConfig: asStruct({
      interceptionMode: 'REDIRECT',
      holdApplicationUntilProxyStarts: true,
      proxyMetadata: asStringMap({}),
    }),
  });

const cases: { name: string; tpl: string; want?: string; error?: RegExp }[] = [
  {
    name: 'text passes through',
    tpl: 'a: b\n',
    want: 'a: b\n',
  },
  {
    name: 'field chain',
    tpl: '{{ .Values.global.hub }}',
    want: 'docker.io/istio',
  },
  {
    name: 'trim markers',
    tpl: 'a  \n  {{- .Name -}}  \n b',
    want: 'ahellob',
  },
  {
    name: 'comment with trim',
    tpl: 'x {{- /* gone */ -}} y',
    want: 'xy',
  },
  {
    name: 'struct field by Go name',
    tpl: '{{ range .Spec.Containers }}{{ .Name }},{{ end }}',
    want: 'app,istio-proxy,',
  },
  {
    name: 'getter and wrapper value',
    tpl: '{{ .ProxyConfig.HoldApplicationUntilProxyStarts.GetValue }} {{ .ProxyConfig.InterceptionMode.String }}',
    want: 'true REDIRECT',
  },
  {
    name: 'nil-safe getter',
    tpl: '{{ if .ProxyConfig.GetTracing.GetTlsSettings }}y{{ else }}n{{ end }}',
    want: 'n',
  },
  {
    name: 'missing map key prints <no value>',
    tpl: '{{ .Values.nope }}',
    want: '<no value>',
  },
  {
    name: 'missing string-map key is empty',
    tpl: '[{{ index .ObjectMeta.Annotations `zzz` }}]',
    want: '[]',
  },
  {
    name: 'if / else if / else',
    tpl: '{{ if eq .Count 1 }}one{{ else if eq .Count 3 }}three{{ else }}other{{ end }}',
    want: 'three',
  },
  {
    name: 'empty map is false, struct is true',
    tpl: '{{ if .Values.global.proxy.empty }}a{{ end }}{{ if .ObjectMeta }}b{{ end }}',
    want: 'b',
  },
  {
    name: 'with sets dot and else',
    tpl: '{{ with .Values.global.proxy.image }}[{{ . }}]{{ end }}{{ with .Zero }}z{{ else }}none{{ end }}',
    want: '[proxyv2]none',
  },
  {
    name: 'range with index and else',
    tpl: '{{ range $i, $p := .Ports }}{{ $i }}={{ $p }} {{ end }}{{ range .Values.global.proxy.list }}x{{ else }}empty{{ end }}',
    want: '0=80 1=443 empty',
  },
  {
    name: 'range over map is sorted',
    tpl: '{{ range $k, $v := .ObjectMeta.Annotations }}{{ $k }};{{ end }}',
    want: 'a/b;sidecar.istio.io/proxyImage;',
  },
  {
    name: 'variables, assignment in range, $',
    tpl: '{{ $c := list }}{{ range .Spec.Containers }}{{ if ne .Name "istio-proxy" }}{{ $c = append $c .Name }}{{ end }}{{ end }}{{ $c | join "," }} {{ $.Name }}',
    want: 'app hello',
  },
  {
    name: 'pipelines and sprig',
    tpl: '{{ .Name | upper | quote }} {{ "" | default "d" }} {{ .Name | trunc 3 }} {{ "-x-" | trimAll "-" }}',
    want: '"HELLO" d hel x',
  },
  {
    name: 'and/or short-circuit',
    tpl: '{{ or .Zero .Name }} {{ and .Count .Zero }} {{ and .Zero (index .Ports 9) }}',
    want: 'hello 0 0',
  },
  {
    name: 'comparisons',
    tpl: '{{ ge (len .Ports) 2 }} {{ lt 1 2 }} {{ ne .Name "x" }} {{ eq .Name "a" "hello" }}',
    want: 'true true true true',
  },
  {
    name: 'printf and print',
    tpl: '{{ printf "%s:%d:%t:%v" .Name 7 true .Count }} {{ print 1 2 "x" }}',
    want: 'hello:7:true:3 1 2x',
  },
  {
    name: 'floats print like Go',
    tpl: '{{ .Values.global.big }} {{ .Values.global.proxy.statusPort }}',
    want: '1e+06 15020',
  },
  {
    name: 'define and template',
    tpl: '{{- define "r" }}<{{ .Name }}>{{ end }}{{ template "r" . }}',
    want: '<hello>',
  },
  {
    name: 'parenthesized pipeline with field',
    tpl: '{{ (index .Spec.Containers 0).Name }} {{ (.Values.global).hub }}',
    want: 'app docker.io/istio',
  },
  {
    name: 'isset / annotation / contains',
    tpl: '{{ isset .ObjectMeta.Annotations `a/b` }} {{ annotation .ObjectMeta `a/b` "d" }} {{ annotation .ObjectMeta `q` 5 }} {{ contains "/" "a/b" }}',
    want: 'true x 5 true',
  },
  {
    name: 'toYaml + nindent',
    tpl: 'k:{{ toYaml .Values.global.proxy | nindent 2 }}',
    want: 'k:\n  empty: {}\n  image: proxyv2\n  list: []\n  statusPort: 15020\n  ',
  },
  {
    name: 'structToJSON keeps Go field order',
    tpl: '{{ range .Spec.Containers }}{{ range .Ports }}{{ structToJSON . }}{{ end }}{{ end }}',
    want: '{"name":"http","containerPort":80}',
  },
  {
    name: 'excludeInboundPort',
    tpl: '{{ excludeInboundPort 15020 "1,2" }} {{ excludeInboundPort 0 "1" }} {{ excludeInboundPort "2" "1,2" }}',
    want: '1,2,15020 1 1,2',
  },
  {
    name: 'break in range',
    tpl: '{{ range .Ports }}{{ if eq . 443 }}{{ break }}{{ end }}{{ . }}{{ end }}',
    want: '80',
  },
  {
    name: 'unknown function: an error at run',
    tpl: '{{ nosuch 1 }}',
    error: /function "nosuch" not defined/,
  },
  { name: 'unclosed action', tpl: '{{ .Name ', error: /unclosed action/ },
  { name: 'missing end', tpl: '{{ if .Name }}x', error: /unexpected EOF in if/ },
  { name: 'undefined variable', tpl: '{{ $nope }}', error: /undefined variable/ },
];

describe('gotemplate', () => {
  for (const c of cases) {
    it(c.name, () => {
      const run = () => compileTemplate('t', c.tpl, funcs).execute(data());
      if (c.error) {
        assert.throws(
          run,
          (e: unknown) =>
            (e instanceof TemplateExecError || e instanceof TemplateSyntaxError) && c.error!.test(e.message),
        );
      } else {
        assert.equal(run(), c.want);
      }
    });
  }
  it('caches the parse of a template source', () => {
    const a = compileTemplate('t', '{{ .Name }}', funcs);
    const b = compileTemplate('t', '{{ .Name }}', funcs);
    assert.equal((a as unknown as { parsed: unknown }).parsed, (b as unknown as { parsed: unknown }).parsed);
  });
});
