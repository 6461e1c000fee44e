// Kustomize read as kustomize reads it (issue 9 §2): a small workspace per rule, checked as one
// workspace through the same entry point as the CLI.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/engine/parse/parseFile';
import { checkWorkspace } from '../../server/src/engine/checkWorkspace';
import { jsonPatch, resolvePath, strategicMerge } from '../../server/src/engine/kustomize';
import { testEnv } from '../helpers/env';
import { Severity } from '../../server/src/engine/model/diagnostic';
import { publicGateway, service, virtualService } from '../helpers/manifests';
import { checkFiles as check } from '../helpers/workspace';

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.25
`;

/** A kustomization whose patch deletes the Service `cart` a VirtualService routes to. */
const DELETE_PATCH: Record<string, string> = {
  'kustomization.yaml': `resources:
- svc.yaml
- vs.yaml
patches:
- patch: |-
    apiVersion: v1
    kind: Service
    metadata:
      name: cart
    $patch: delete
`,
  'svc.yaml': service('cart') + '---\n' + service('carts'),
  'vs.yaml': virtualService('cart'),
};

describe('kustomize', () => {
  it("a kustomization's namespace decides its resources' namespace", () => {
    const files = {
      'app/kustomization.yaml': 'resources:\n- vs.yaml\nnamespace: shop\n',
      'app/vs.yaml': virtualService('cart'),
      'svc.yaml': service('carts', 'shop'),
    };
    // In shop, `cart` misses the Service `carts` by a slip: a mistake.
    assert.deepEqual(check(files), ['app/vs.yaml:10 IST0101 Referenced host not found: "cart"']);
    assert.deepEqual(check({ ...files, 'svc.yaml': service('cart', 'shop') }), []);
    // Without the kustomization the namespace is undecided: elsewhere `cart` may well exist.
    const { ['app/kustomization.yaml']: _k, ...plain } = files;
    assert.deepEqual(check(plain), []);
  });

  it('an overlay renders its base: namespace, name suffix and renamed references', () => {
    const files = {
      'base/kustomization.yaml': 'resources:\n- svc.yaml\n- vs.yaml\n',
      'base/svc.yaml': service('cart'),
      'base/vs.yaml': virtualService('cart'),
      'prod/kustomization.yaml': 'resources:\n- ../base\nnamespace: prod\nnameSuffix: "2"\n',
    };
    // kustomize renames the Service (cart2) but not the VirtualService's host: Istio hosts are no name reference.
    assert.deepEqual(check(files), [
      'base/vs.yaml:10 IST0101 Referenced host not found: "cart" (kustomize\'s nameSuffix "2" renamed Service ' +
        'cart to cart2; it does not rewrite Istio hosts) (in overlay prod)',
    ]);
    assert.deepEqual(
      check({ ...files, 'prod/kustomization.yaml': 'resources:\n- ../base\nnamespace: prod\n' }),
      [],
    );
  });

  it('each overlay is its own rendering; a finding repeated at one range is reported once', () => {
    const files = {
      'base/kustomization.yaml': 'resources:\n- vs.yaml\n',
      'base/vs.yaml': virtualService('cart'),
      'a/kustomization.yaml': 'resources:\n- ../base\nnamespace: a\n',
      'b/kustomization.yaml': 'resources:\n- ../base\nnamespace: b\n',
      'svc.yaml': service('cart', 'a') + '---\n' + service('carts', 'b'),
    };
    // Overlays a and b are alternatives: their VirtualServices never meet (no IST0109 between them).
    assert.deepEqual(check(files), [
      'base/vs.yaml:10 IST0101 Referenced host not found: "cart" (in overlay b)',
    ]);
    const both = { ...files, 'svc.yaml': service('carts', 'a') + '---\n' + service('carts', 'b') };
    assert.equal(check(both).length, 1);
  });

  it('a patch file is a partial document, applied to its target', () => {
    const files = {
      'app/kustomization.yaml': 'resources:\n- deploy.yaml\npatches:\n- path: patch.yaml\n',
      'app/deploy.yaml': DEPLOY,
      'app/patch.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: web
        env:
        - $patch: replace
        imagePullPolic: Always
`,
    };
    // No missing-required, `$patch` is no unknown field; a real mistake in the patch still shows.
    assert.deepEqual(
      check(files).map((l) => l.split(' ').slice(0, 2).join(' ')),
      ['app/patch.yaml:12 unknown-field'],
    );
  });

  it('commonLabels give a base workload its selector', () => {
    const noSelector = DEPLOY.replace('  selector:\n    matchLabels: {app: web}\n', '');
    assert.match(check({ 'd.yaml': noSelector }).join('\n'), /missing-required/);
    const files = {
      'kustomization.yaml': 'resources:\n- d.yaml\ncommonLabels:\n  app: web\n',
      'd.yaml': noSelector,
    };
    assert.deepEqual(check(files), []);
    // Listed by a kustomization that adds no selector: the rendering misses it.
    const plainK = { ...files, 'kustomization.yaml': 'resources:\n- d.yaml\n' };
    assert.match(check(plainK).join('\n'), /d.yaml:5 missing-required/);
    // In a kustomize repository, a file no kustomization here lists is built by one not shown.
    const elsewhere = {
      'kustomization.yaml': 'resources:\n- other.yaml\n',
      'other.yaml': service('x'),
      'd.yaml': noSelector,
    };
    assert.deepEqual(check(elsewhere), []);
  });

  it('an API-server error of a listed file that every rendering of it lacks is not reported', () => {
    // `selector: {}` and a template without labels: `labels` with `includeSelectors` fill both.
    const empty = DEPLOY.replace('    matchLabels: {app: web}\n', '')
      .replace('  selector:\n', '  selector: {}\n')
      .replace('    metadata:\n      labels: {app: web}\n', '');
    assert.match(
      check({ 'd.yaml': empty }).join('\n'),
      /d.yaml:6 k8s-validation spec.selector: Invalid value: \{\}/,
    );
    const labels = 'labels:\n- includeSelectors: true\n  pairs: {app: web}\n';
    const files = { 'base/kustomization.yaml': `resources:\n- d.yaml\n${labels}`, 'base/d.yaml': empty };
    assert.deepEqual(check(files), []);
    // An overlay's rendering of the base counts too; every rendering must fix it.
    const overlays = {
      'base/kustomization.yaml': 'resources:\n- d.yaml\n',
      'base/d.yaml': empty,
      'prod/kustomization.yaml': `resources:\n- ../base\n${labels}`,
      'dev/kustomization.yaml': 'resources:\n- ../base\n',
    };
    assert.match(check(overlays).join('\n'), /base\/d.yaml:6 k8s-validation spec.selector/);
    assert.deepEqual(
      check({ ...overlays, 'dev/kustomization.yaml': `resources:\n- ../base\n${labels}` }),
      [],
    );
    // Labels without includeSelectors leave the selector empty: still the API server's error.
    const noSel = {
      ...files,
      'base/kustomization.yaml': 'resources:\n- d.yaml\nlabels:\n- pairs: {app: web}\n',
    };
    assert.match(check(noSel).join('\n'), /base\/d.yaml:6 k8s-validation spec.selector/);
  });

  it("Istio's webhook error of a listed file that every rendering of it lacks is not reported", () => {
    // A CUSTOM policy without rules is rejected; the overlay patches the rules in.
    const policy = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ext-authz
spec:
  selector:
    matchLabels: {istio: ingressgateway}
  action: CUSTOM
  provider: {name: oauth2-proxy}
`;
    const rules = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ext-authz
spec:
  rules:
  - to:
    - operation: {hosts: [app.example.com]}
`;
    const customError =
      /base\/policy.yaml:8 IST0106 Schema validation error: .*CUSTOM action without `rules`/;
    assert.match(check({ 'base/policy.yaml': policy }).join('\n'), customError);
    const files = {
      'base/kustomization.yaml': 'resources:\n- policy.yaml\n',
      'base/policy.yaml': policy,
      'prod/kustomization.yaml':
        'namespace: istio-gateways\nresources:\n- ../base\npatches:\n- path: rules.yaml\n',
      'prod/rules.yaml': rules,
    };
    assert.deepEqual(check(files), []);
    // Every rendering must fix it: an overlay without the patch still sends the policy as written.
    const dev = { ...files, 'dev/kustomization.yaml': 'resources:\n- ../base\n' };
    assert.match(check(dev).join('\n'), customError);
  });

  it('relative paths, as the CLI names the files of `check .`, resolve like absolute ones', () => {
    assert.equal(resolvePath('prod', '../base'), 'base');
    assert.equal(resolvePath('apps/x/overlays/dev', '../../base'), 'apps/x/base');
    assert.equal(resolvePath('.', '../shared'), '../shared');
    assert.equal(resolvePath('..', '../x'), '../../x');
    assert.equal(resolvePath('file:///ws/prod', '../../../x'), 'file:///x');
    // An overlay of `check .`: its base renders, so the patch's unknown field is found.
    const files = {
      'base/kustomization.yaml': 'resources:\n- vs.yaml\n',
      'base/vs.yaml': virtualService('cart'),
      'prod/kustomization.yaml':
        'resources:\n- ../base\npatches:\n- patch: |\n    apiVersion: networking.istio.io/v1\n    kind: VirtualService\n    metadata: {name: web}\n    spec:\n      hostz: [cart]\n',
    };
    const parsed = Object.entries(files).map(([p, text]) => parseFile(p, text));
    const found = [...checkWorkspace(parsed, testEnv())].flatMap(([uri, ds]) =>
      ds
        .filter((d) => d.severity === Severity.Error || d.severity === Severity.Warning)
        .map((d) => `${uri}:${d.range.start.line + 1} ${d.code}`),
    );
    assert.ok(found.includes('prod/kustomization.yaml:9 unknown-field'), found.join('\n'));
    assert.ok(!found.some((l) => l.includes('kustomize-not-rendered')), found.join('\n'));
  });

  it('a strategic-merge patch can delete a resource', () => {
    const files = DELETE_PATCH;
    assert.deepEqual(check(files), ['vs.yaml:10 IST0101 Referenced host not found: "cart"']);
  });

  it('what a rendering lacks (remote bases, plugins, absent files) is one note each; the rest is rendered', () => {
    const files = DELETE_PATCH;
    const lacking = (extra: string): Record<string, string> => ({
      ...files,
      'kustomization.yaml': files['kustomization.yaml'].replace('- vs.yaml\n', `- vs.yaml\n${extra}`),
    });
    const notes = (ws: Record<string, string>) => {
      const parsed = Object.entries(ws).map(([p, text]) => parseFile(`file:///ws/${p}`, text));
      return checkWorkspace(parsed, testEnv())
        .get('file:///ws/kustomization.yaml')!
        .map((d) => `${d.severity} ${d.code} ${d.range.start.line + 1} ${d.message}`);
    };
    const cases: [string, RegExp][] = [
      [
        '- github.com/example/repo//base?ref=v1\n',
        /Remote resource github\.com\/example\/repo\/\/base\?ref=v1 is not read/,
      ],
      ['- more.yaml\n', /Resource more\.yaml is not in the workspace: the rest is rendered without it/],
      ['- ../elsewhere\n', /Resource \.\.\/elsewhere is not in the workspace/],
    ];
    for (const [extra, message] of cases) {
      assert.deepEqual(notes(lacking(extra)).length, 1, extra);
      assert.match(notes(lacking(extra))[0], /^3 kustomize-not-rendered 4 /, extra);
      assert.match(notes(lacking(extra))[0], message, extra);
      // The slip from `carts` is still a mistake: an absent part hardly ever holds the very name misspelt.
      assert.deepEqual(
        check(lacking(extra)),
        ['vs.yaml:10 IST0101 Referenced host not found: "cart"'],
        extra,
      );
    }
    const patch = { ...files, 'kustomization.yaml': `${files['kustomization.yaml']}- path: fix.yaml\n` };
    assert.match(notes(patch)[0], /^3 kustomize-not-rendered 11 Patch fix\.yaml is not in the workspace/);
    const plugin = {
      ...files,
      'kustomization.yaml': `${files['kustomization.yaml']}helmCharts:\n- name: x\n`,
    };
    assert.match(notes(plugin)[0], /^3 kustomize-not-rendered 12 `helmCharts` runs a program/);
    // kustomize's loader fetches a file URL (a configuration Argo Rollouts publishes): remote, not absent.
    const url = 'https://argoproj.github.io/argo-rollouts/features/kustomize/rollout-transform.yaml';
    const remoteConfig = {
      ...files,
      'kustomization.yaml': `${files['kustomization.yaml']}configurations:\n- ${url}\n`,
    };
    assert.deepEqual(notes(remoteConfig), [
      `3 kustomize-not-rendered 12 Remote configuration ${url} is not read: kustomize fetches it at build time`,
    ]);
    assert.deepEqual(notes(files), []);
  });
});

describe('a resources entry naming a kustomization file', () => {
  // kustomize reads a file entry as manifests: a kustomization has no metadata.name, so the build fails
  // (found listing itself in a public repository's kustomization).
  const notes = (ws: Record<string, string>, at: string) => {
    const parsed = Object.entries(ws).map(([p, text]) => parseFile(`file:///ws/${p}`, text));
    return checkWorkspace(parsed, testEnv())
      .get(`file:///ws/${at}`)!
      .map((d) => `${d.severity} ${d.code} ${d.range.start.line + 1} ${d.message}`);
  };
  const base = {
    'base/kustomization.yaml': 'resources:\n- svc.yaml\n',
    'base/svc.yaml': service('cart'),
  };

  it("is a note on the entry: list the base's directory", () => {
    const ws = {
      ...base,
      'prod/kustomization.yaml': 'namespace: shop\nresources:\n- ../base/kustomization.yaml\n',
    };
    assert.deepEqual(notes(ws, 'prod/kustomization.yaml'), [
      '3 kustomize-not-rendered 3 Resource ../base/kustomization.yaml is a kustomization file: kustomize reads a listed file as manifests, and a kustomization (no metadata.name) is not one, so the build fails; list its directory (../base) instead',
    ]);
    const fixed = { ...ws, 'prod/kustomization.yaml': 'namespace: shop\nresources:\n- ../base\n' };
    assert.deepEqual(notes(fixed, 'prod/kustomization.yaml'), []);
  });

  it('a kustomization listing itself: remove the entry', () => {
    const ws = {
      'kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- svc.yaml\n- kustomization.yaml\n',
      'svc.yaml': service('cart'),
    };
    assert.deepEqual(notes(ws, 'kustomization.yaml'), [
      '3 kustomize-not-rendered 5 Resource kustomization.yaml is this kustomization file itself: kustomize reads a listed file as manifests, and a kustomization (no metadata.name) is not one, so the build fails; remove the entry',
    ]);
  });
});

describe('namePrefix/nameSuffix rename a Service, not the Istio hosts naming it', () => {
  const BASE: Record<string, string> = {
    'base/kustomization.yaml': 'resources:\n- app.yaml\n- routing.yaml\n',
    'base/app.yaml': `${service('reviews')}---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: reviews
spec:
  selector:
    matchLabels: {app: reviews}
  template:
    metadata:
      labels: {app: reviews}
    spec:
      containers:
      - name: reviews
        image: example/reviews:1
`,
    'base/routing.yaml': `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
  http:
  - route:
    - destination:
        host: reviews
        subset: v1
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  subsets:
  - name: v1
    labels: {app: reviews}
`,
  };
  const PROD = 'resources:\n- ../../base\nnamespace: prod\nnamePrefix: prod-\n';
  const prod = (kustomization = PROD, extra: Record<string, string> = {}) => ({
    ...BASE,
    'overlays/prod/kustomization.yaml': kustomization,
    ...extra,
  });
  const HINT = `(kustomize's namePrefix "prod-" renamed Service reviews to prod-reviews; it does not rewrite Istio hosts)`;
  const BROKEN = [
    `base/routing.yaml:10 IST0101 Referenced host not found: "reviews" ${HINT} (in overlay overlays/prod)`,
    `base/routing.yaml:18 IST0174 The host reviews defined in the DestinationRule does not match any services in the mesh. ${HINT} (in overlay overlays/prod)`,
  ];

  it('a host naming the Service by its name before the prefix routes to nothing: reported, with why', () => {
    // \`reviews\` and \`prod-reviews\` are no slip apart: the rendering itself proves the host gone.
    assert.deepEqual(check(prod()), BROKEN);
    // Istio's message and code stay; the editor's related information points at the renamed Service.
    const parsed = Object.entries(prod()).map(([p, text]) => parseFile(`file:///ws/${p}`, text));
    const vs = checkWorkspace(parsed, testEnv())
      .get('file:///ws/base/routing.yaml')!
      .find((d) => d.code === 'IST0101')!;
    assert.match(vs.message, /^Referenced host not found: "reviews" /);
    assert.deepEqual(
      vs.relatedInformation?.map((r) => `${r.uri}:${r.range.start.line + 1} ${r.message}`),
      [
        'file:///ws/base/app.yaml:4 Service reviews, renamed prod-reviews by overlays/prod/kustomization.yaml',
      ],
    );
    // A suffix, and the host's full name in the rendering's namespace, alike.
    const suffix = prod('resources:\n- ../../base\nnamespace: prod\nnameSuffix: -v2\n');
    assert.match(
      check(suffix).join('\n'),
      /IST0101 Referenced host not found: "reviews" \(kustomize's nameSuffix "-v2" renamed Service reviews to reviews-v2/,
    );
    const fqdn = prod(PROD, {
      'base/routing.yaml': BASE['base/routing.yaml'].replace(
        'host: reviews\n        subset',
        'host: reviews.prod.svc.cluster.local\n        subset',
      ),
    });
    assert.match(
      check(fqdn).join('\n'),
      /10 IST0101 Referenced host not found: "reviews.prod.svc.cluster.local" \(kustomize's/,
    );
  });

  it('a host written with the renamed name, or a rendering without prefix, is silent', () => {
    const renamed = prod(PROD, {
      'base/routing.yaml': BASE['base/routing.yaml'].replace(/host: reviews/g, 'host: prod-reviews'),
    });
    assert.deepEqual(check(renamed), []);
    assert.deepEqual(check(prod('resources:\n- ../../base\nnamespace: prod\n')), []);
  });

  it('a rendering not read whole (rename rules, replacements, remote or absent parts, plugins) proves nothing', () => {
    const fields = [
      'configurations:\n- nameref.yaml\n',
      'crds:\n- crd.json\n',
      'replacements:\n- path: replace-hosts.yaml\n',
      'vars:\n- name: SVC\n  objref: {kind: Service, name: reviews, apiVersion: v1}\n',
      'transformers:\n- prefix.yaml\n',
    ];
    for (const extra of fields) assert.deepEqual(check(prod(PROD + extra)), [], extra);
    for (const resource of ['github.com/example/shared//reviews?ref=v1', '../../shared']) {
      const kustomization = PROD.replace('- ../../base\n', `- ../../base\n- ${resource}\n`);
      assert.deepEqual(check(prod(kustomization)), [], resource);
    }
    // Rename rules in a component the rendering uses count as well.
    const component = prod(`${PROD}components:\n- ../../comp\n`, {
      'comp/kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nconfigurations:\n- nameref.yaml\n',
    });
    assert.deepEqual(check(component), []);
  });

  it("a configuration's nameReference rules rename the Istio fields they name, as kustomize does", () => {
    // The rules users add for Istio kinds: the Service a route's destination and a DestinationRule name.
    const NAMEREF = `nameReference:
- kind: Service
  version: v1
  fieldSpecs:
  - kind: VirtualService
    path: spec/http/route/destination/host
  - kind: DestinationRule
    path: spec/host
`;
    const configured = (config: string, at = 'overlays/prod/nameref.yaml') =>
      prod(`${PROD}configurations:\n- nameref.yaml\n`, { [at]: config });
    assert.deepEqual(check(configured(NAMEREF)), []);
    // A rendering whose rules are all read is read whole: a field no rule names still routes to nothing.
    const routeOnly = NAMEREF.replace('  - kind: DestinationRule\n    path: spec/host\n', '');
    assert.deepEqual(check(configured(routeOnly)), [BROKEN[1]]);
    // Rules for another kind rename nothing of the Service.
    assert.deepEqual(check(configured(routeOnly.replace('kind: Service', 'kind: ConfigMap'))), BROKEN);
    // A configuration with field specs of other transformers (labels, namespace...) is not modelled: partial.
    assert.deepEqual(
      check(configured(`${routeOnly}commonLabels:\n- path: spec/workloadSelector/labels\n  create: true\n`)),
      [],
    );
    // A base's configuration applies to the overlay's renames (kustomize fixes references once, at the end).
    const inBase = prod(`${PROD}`, {
      'base/kustomization.yaml': `${BASE['base/kustomization.yaml']}configurations:\n- nameref.yaml\n`,
      'base/nameref.yaml': routeOnly,
    });
    assert.deepEqual(check(inBase), [BROKEN[1]]);
  });

  it('a Gateway renamed with the rendering is found by a VirtualService a configured rule renames', () => {
    const gateway = publicGateway('istio: ingressgateway', 'reviews.example.com');
    const routed = prod(PROD, {
      'base/kustomization.yaml': `${BASE['base/kustomization.yaml']}- gateway.yaml\n`,
      'base/gateway.yaml': gateway,
      'base/routing.yaml': BASE['base/routing.yaml']
        .replace('hosts: [reviews]', 'hosts: [reviews.example.com]\n  gateways: [public]')
        .replace(/host: reviews$/gm, 'host: prod-reviews'),
    });
    // Without a rule kustomize leaves `public` as written: the rendering holds prod-public only
    // (and Istio's analyzer then finds none of the hosts in it either).
    assert.deepEqual(check(routed), [
      `base/routing.yaml:7 IST0101 Referenced gateway not found: "public" (kustomize's namePrefix "prod-" renamed Gateway public to prod-public; it does not rewrite VirtualService gateways) (in overlay overlays/prod)`,
      'base/routing.yaml:7 IST0132 one or more host [reviews.example.com] defined in VirtualService prod/prod-reviews not found in Gateway prod/public. (in overlay overlays/prod)',
    ]);
    const rule =
      'nameReference:\n- kind: Gateway\n  group: networking.istio.io\n  fieldSpecs:\n  - kind: VirtualService\n    path: spec/gateways\n';
    const configured = {
      ...routed,
      'overlays/prod/kustomization.yaml': `${PROD}configurations:\n- gateways.yaml\n`,
      'overlays/prod/gateways.yaml': rule,
    };
    assert.deepEqual(check(configured), []);
  });

  it('a Service of the old name the host could reach, elsewhere in the workspace, proves nothing', () => {
    // Without a namespace it may be applied to prod; another overlay may render it there unprefixed.
    assert.deepEqual(check(prod(PROD, { 'other/svc.yaml': service('reviews') })), []);
    assert.deepEqual(
      check(
        prod(PROD, { 'overlays/main/kustomization.yaml': 'resources:\n- ../../base\nnamespace: prod\n' }),
      ),
      [],
    );
    // A chart could render it.
    assert.deepEqual(
      check(
        prod(PROD, {
          'chart/Chart.yaml': 'apiVersion: v2\nname: reviews\nversion: 1.0.0\n',
          'chart/templates/svc.yaml': 'kind: Service\n',
        }),
      ),
      [],
    );
    // In another decided namespace it is not what a short host in prod reaches.
    assert.deepEqual(check(prod(PROD, { 'other/svc.yaml': service('reviews', 'dev') })), BROKEN);
    // A VirtualService outside the rendering naming \`reviews\` in prod is not proven wrong by it.
    const plain = {
      ...prod(),
      'base/kustomization.yaml': 'resources:\n- app.yaml\n',
      'vs/vs.yaml': virtualService('reviews', 'prod'),
    };
    delete (plain as Record<string, string>)['base/routing.yaml'];
    assert.deepEqual(check(plain), []);
  });
});

describe('strategic merge and JSON patch', () => {
  it('merges lists by name, deletes and replaces', () => {
    const base = { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b' }], keep: 1, drop: 2 } };
    const patched = strategicMerge(base, {
      spec: {
        containers: [
          { name: 'a', image: 'y' },
          { name: 'b', $patch: 'delete' },
        ],
        drop: null,
      },
    });
    assert.deepEqual(patched, { spec: { containers: [{ name: 'a', image: 'y' }], keep: 1 } });
    assert.deepEqual(strategicMerge({ a: { b: 1, c: 2 } }, { a: { $patch: 'replace', d: 3 } }), {
      a: { d: 3 },
    });
    assert.deepEqual(base.spec.containers[0].image, 'x', 'inputs are not mutated');
  });

  it('applies RFC 6902 operations', () => {
    const out = jsonPatch({ spec: { hosts: ['a'] } }, [
      { op: 'add', path: '/spec/hosts/-', value: 'b' },
      { op: 'replace', path: '/spec/hosts/0', value: 'c' },
      { op: 'add', path: '/metadata', value: { name: 'n' } },
    ]);
    assert.deepEqual(out, { spec: { hosts: ['c', 'b'] }, metadata: { name: 'n' } });
  });
});

describe('patches no kustomization of the workspace applies', () => {
  const GATEWAY_PATCH = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: local-gateway, namespace: serving}
spec:
  selector: {istio: local-gateway}
`;
  const DELETE = `$patch: delete
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: ingress-gateway, namespace: serving}
`;
  const vsOn = (gateway: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web, namespace: apps}
spec:
  hosts: ["*"]
  gateways: [${gateway}]
  http:
  - route:
    - destination: {host: web.apps.svc.cluster.local}
`;

  it('a file in a patches/ directory is a patch: no shape errors, its values still checked', () => {
    assert.deepEqual(check({ 'overlays/x/patches/gw.yaml': GATEWAY_PATCH }), []);
    const badValue = GATEWAY_PATCH.replace(
      'selector:',
      'servers:\n  - port: {number: 70000, name: http, protocol: HTTP}\n    hosts: ["*"]\n  selector:',
    );
    assert.ok(
      check({ 'overlays/x/patches/gw.yaml': badValue }).some((f) => / IST0106 .*port number 70000/.test(f)),
    );
    // The same partial document outside patches/ is a resource, and Istio rejects it.
    assert.deepEqual(check({ 'gw.yaml': GATEWAY_PATCH }), [
      'gw.yaml:4 IST0106 Schema validation error: gateway must have at least one server',
      'gw.yaml:5 IST0101 Referenced selector not found: "istio=local-gateway"',
    ]);
  });

  it('a file in patches/ that a kustomization lists as a resource is a resource', () => {
    const kustomization = 'resources:\n- patches/gw.yaml\n';
    assert.deepEqual(check({ 'kustomization.yaml': kustomization, 'patches/gw.yaml': GATEWAY_PATCH }), [
      'patches/gw.yaml:4 IST0106 Schema validation error: gateway must have at least one server',
      'patches/gw.yaml:5 IST0101 Referenced selector not found: "istio=local-gateway"',
    ]);
  });

  it('a file named as a patch, or a workload in a patch shape, is a patch; a base may lack its selector', () => {
    const sidecarPatch = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: apps}
spec:
  template:
    metadata:
      annotations: {traffic.sidecar.istio.io/excludeInboundPorts: "9443"}
    spec:
      containers:
      - name: web
        ports: [{containerPort: 9443}]
`;
    const missing = (f: string) => [`${f}:4 missing-required Missing required field \`selector\` in spec`];
    assert.deepEqual(check({ 'config/manager_webhook_patch.yaml': GATEWAY_PATCH }), []);
    assert.deepEqual(check({ 'config/patch-gateway.yaml': GATEWAY_PATCH }), []);
    // A container without an image: only a patch names a container to change one field.
    assert.deepEqual(check({ 'components/istio/web-sidecar.yaml': sidecarPatch }), []);
    const annotationOnly = sidecarPatch.replace(/ {4}spec:[^]*/, '');
    assert.deepEqual(check({ 'components/istio/web-sidecar.yaml': annotationOnly }), []);
    // A full workload that only lacks its selector is a resource (the API server rejects it), and so is a
    // file a kustomization lists, or one whose name only contains the letters.
    const full = sidecarPatch.replace('        ports:', '        image: example/web\n        ports:');
    assert.deepEqual(check({ 'web.yaml': full }), missing('web.yaml'));
    // In a base/ or overlays/ tree it is a kustomize base whose labels add the selector.
    assert.deepEqual(check({ 'app/base/web.yaml': full }), []);
    assert.deepEqual(check({ 'app/basement/web.yaml': full }), missing('app/basement/web.yaml'));
    assert.ok(
      check({ 'dispatcher.yaml': GATEWAY_PATCH }).some((f) =>
        f.includes('gateway must have at least one server'),
      ),
    );
    const listed = {
      'kustomization.yaml': 'resources:\n- web_patch.yaml\n',
      'web_patch.yaml': GATEWAY_PATCH,
    };
    assert.ok(check(listed).some((f) => f.includes('gateway must have at least one server')));
  });

  it('a `$patch: delete` document is not a resource: its target exists elsewhere', () => {
    // Not an empty Gateway the VirtualService's hosts are missing from, and not a definition of the
    // namespace's gateways that would prove another one missing.
    assert.deepEqual(
      check({ 'base/remove-gateway.yaml': DELETE, 'vs.yaml': vsOn('serving/ingress-gateway') }),
      [],
    );
  });
});
