// IST0107 on a Deployment's own metadata and its quick fix (move into the pod template), the
// IST0135 fix (inject annotation → label), and IST0136 at information level, through the RuleTester.
import { misplacedAnnotation } from '../../server/src/engine/rules/IST0107';
import { deprecatedAnnotation } from '../../server/src/engine/rules/IST0135';
import { alphaAnnotation } from '../../server/src/engine/rules/IST0136';
import { Severity } from '../../server/src/engine/model/diagnostic';
import { ruleTester, type InvalidCase } from '../helpers/ruleTester';

const DEPLOY = (workloadAnnotations: string, tplMeta: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: d
${workloadAnnotations}spec:
  selector:
    matchLabels:
      app: a
  template:
${tplMeta}    spec:
      containers:
      - name: a
        image: a
`;
const PROXY_CPU = '  annotations:\n    sidecar.istio.io/proxyCPU: 200m\n';

const moveCases: { name: string; tplMeta: string; want: string }[] = [
  {
    name: 'into existing template annotations',
    tplMeta:
      '    metadata:\n      labels:\n        app: a\n      annotations:\n        prometheus.io/scrape: "true"\n',
    want: '    metadata:\n      labels:\n        app: a\n      annotations:\n        prometheus.io/scrape: "true"\n        sidecar.istio.io/proxyCPU: 200m\n',
  },
  {
    name: 'creating template annotations',
    tplMeta: '    metadata:\n      labels:\n        app: a\n',
    want: '    metadata:\n      labels:\n        app: a\n      annotations:\n        sidecar.istio.io/proxyCPU: 200m\n',
  },
  {
    name: 'into an empty annotations key (a comment only)',
    tplMeta: '    metadata:\n      annotations:\n        # goes here\n      labels:\n        app: a\n',
    want: '    metadata:\n      annotations:\n        sidecar.istio.io/proxyCPU: 200m\n        # goes here\n      labels:\n        app: a\n',
  },
  {
    name: 'into a flow mapping',
    tplMeta: '    metadata:\n      labels: {app: a}\n      annotations: {}\n',
    want: '    metadata:\n      labels: {app: a}\n      annotations: {sidecar.istio.io/proxyCPU: 200m}\n',
  },
];

const moveError = {
  code: 'IST0107',
  line: 6,
  message:
    /can only be applied to Pod\. On a Deployment, put it in the pod template \(spec\.template\.metadata\.annotations\)/,
  fixes: [/Move sidecar.istio.io\/proxyCPU to spec.template.metadata.annotations/],
};

ruleTester(misplacedAnnotation, {
  invalid: [
    ...moveCases.map((c): InvalidCase => ({
      name: `moves into the pod template: ${c.name}`,
      yaml: DEPLOY(PROXY_CPU, c.tplMeta),
      errors: [moveError],
      output: DEPLOY('', c.want),
      outputErrors: [],
    })),
    {
      name: 'keeps other annotations of the workload',
      yaml: DEPLOY(PROXY_CPU + '    owner: me\n', '    metadata:\n      labels:\n        app: a\n'),
      errors: [moveError],
      output: DEPLOY(
        '  annotations:\n    owner: me\n',
        '    metadata:\n      labels:\n        app: a\n      annotations:\n        sidecar.istio.io/proxyCPU: 200m\n',
      ),
      outputErrors: [],
    },
  ],
});

ruleTester(deprecatedAnnotation, {
  invalid: [
    {
      name: 'a Pod: the inject annotation moves into labels',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    app: a\n  annotations:\n    sidecar.istio.io/inject: "false"\nspec: {}\n',
      errors: [{ code: 'IST0135', line: 8 }],
      output:
        'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    app: a\n    sidecar.istio.io/inject: "false"\nspec: {}\n',
      outputErrors: [],
    },
    {
      name: 'a Deployment: the inject annotation moves to the pod template labels',
      yaml: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  annotations:\n    sidecar.istio.io/inject: "false"\nspec:\n  template:\n    metadata:\n      labels:\n        app: a\n    spec: {}\n',
      errors: [{ code: 'IST0135', line: 6, fixes: [/label in spec.template.metadata.labels/] }],
      output:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    metadata:\n      labels:\n        app: a\n        sidecar.istio.io/inject: "false"\n    spec: {}\n',
      outputErrors: [],
    },
  ],
});

ruleTester(alphaAnnotation, {
  invalid: [
    {
      name: 'alpha annotations are information, on the key',
      yaml: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    sidecar.istio.io/proxyCPU: 100m\n    proxy.istio.io/config: "{}"\nspec: {}\n',
      errors: [
        {
          code: 'IST0136',
          line: 6,
          severity: Severity.Information,
          covers: 'sidecar.istio.io/proxyCPU',
          message: /alpha-phase feature/,
        },
      ],
    },
  ],
});
