// applicationUID.Analyzer edges: Istio's message deduplication (one message per resource), the
// control-plane and sidecar exemptions, a pod-level UID only its proxy uses (istioctl reports it), and
// the range on the offending runAsUser.
import { analyzerCases, type AnalyzerCase } from './run-analyzer';

const pod = (meta: string, spec: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${meta}spec:\n${spec}`;

const cases: AnalyzerCase[] = [
  {
    name: 'pod and container UID 1337 make one message (Istio dedups identical messages)',
    yaml: pod(
      '',
      '  securityContext:\n    runAsUser: 1337\n  containers:\n  - name: app\n    securityContext:\n      runAsUser: 1337\n',
    ),
    expect: ['IST0144 Pod p|1337'],
  },
  {
    name: 'the istio-proxy and istio-operator containers may run as 1337',
    yaml: pod(
      '',
      '  containers:\n  - name: istio-proxy\n    securityContext:\n      runAsUser: 1337\n  - name: istio-operator\n    securityContext:\n      runAsUser: 1337\n',
    ),
    expect: [],
  },
  {
    name: 'control-plane resources (an istio label) are skipped',
    yaml: pod('  labels:\n    istio: ingressgateway\n', '  securityContext:\n    runAsUser: 1337\n'),
    expect: [],
  },
  {
    name: 'a gateway pod whose only container is the proxy may run as 1337 at pod level',
    yaml: pod(
      '  annotations:\n    inject.istio.io/templates: gateway\n',
      '  securityContext:\n    runAsUser: 1337\n  containers:\n  - name: istio-proxy\n    image: auto\n',
    ),
    expect: [],
  },
  {
    name: 'the pod-level UID is reported when an application container inherits it',
    yaml: pod(
      '',
      '  securityContext:\n    runAsUser: 1337\n  containers:\n  - name: istio-proxy\n    image: auto\n  - name: app\n    image: app\n',
    ),
    expect: ['IST0144 Pod p|1337'],
  },
  {
    name: 'an application container with its own UID does not inherit the pod-level 1337',
    yaml: pod(
      '',
      '  securityContext:\n    runAsUser: 1337\n  containers:\n  - name: app\n    securityContext:\n      runAsUser: 1000\n',
    ),
    expect: [],
  },
  {
    name: 'another UID is fine',
    yaml: pod('', '  securityContext:\n    runAsUser: 1000\n  containers:\n  - name: app\n'),
    expect: [],
  },
  {
    name: 'a Deployment container is reported on its runAsUser',
    yaml: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  namespace: ns\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        image: example/app\n        securityContext:\n          runAsUser: 1337\n',
    expect: ['IST0144 Deployment ns/d|1337'],
  },
];

analyzerCases('applicationUID.Analyzer', cases, (f) => `${f.code} ${f.resource}|${f.text}`);
