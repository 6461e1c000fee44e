// auth.AuthorizationPoliciesAnalyzer (istio/istio pkg/config/analysis/analyzers/authz/authorizationpolicies.go):
// IST0127 when a policy's selector (or, selector-less, its namespace) matches no in-mesh or ambient
// workload; IST0101 when a source namespace pattern matches no namespace, and (beyond istioctl) when a
// targetRef names a Service, ServiceEntry or Gateway one slip from one of the workspace (targetsNotFound),
// and (beyond istioctl) IST0127 when a PeerAuthentication's or RequestAuthentication's selector misses the
// labels of a workload of the workspace by a slip (authnSelectorSlips): istiod selects their workloads as
// it selects a policy's (its namespace, or any for the root namespace's), and a misspelt label leaves the
// workload without the mTLS mode or JWT rules meant for it; and IST0101 when a CUSTOM policy's provider is
// one slip from an extension provider the workspace defines (util/extension-providers.ts): istiod denies
// every request such a policy covers; and IST0101 when a source principal `<trust domain>/ns/<ns>/sa/<name>`
// names a service account one slip from one of that namespace the workspace shows (a ServiceAccount, a pod's
// serviceAccountName) and none of them (principalsNotFound): the rule matches no caller.
// Without a cluster (assumeComplete false): workloads are the Pods and pod templates of the workspace;
// a workload whose mesh membership hangs on a Namespace that is not a manifest, or whose manifest has
// neither istio-injection nor istio.io/rev (labelled with kubectl, or injected by default), counts as
// in the mesh;
// IST0127 needs workloads of the policy's namespace (of any namespace, mesh-wide) in the workspace, or, for
// a selector, pods applied with `-n` (undecided), which may land there: a slip from their labels proves it.
// Namespaces are the Namespace manifests, the namespaces resources are applied to and the built-in
// ones; a source namespace none of them matches is reported (IST0101) only when it is one slip from one of
// them (numbered siblings apart): a namespace the workspace does not describe is made apart (where a Helm
// chart installs a gateway, an operator's), as a cluster holds namespaces no repository lists.
// Difference from istioctl: a pod of a namespace labelled istio.io/rev is in the mesh (revision-based
// injection, util/mesh-membership.ts); istioctl on files takes it out and reports IST0127. So is a pod
// enrolled in ambient by its or its Namespace's istio.io/dataplane-mode label: istioctl reads only the
// annotation istio-cni sets at runtime. And a policy attached to Gateway API Gateways of the workspace is
// not checked for workloads (attachedToDeployedTargets), nor one attached to Services bound to a waypoint
// of the workspace. And VM workloads (WorkloadEntries, a WorkloadGroup's entries) and the pods Istio deploys
// for a Gateway API Gateway (by `gateway.networking.k8s.io/gateway-name`) are workloads a policy selects, in
// the mesh (util/non-pod-workloads.ts); istioctl reads only Pods.
import type { AnalysisContext, Analyzer, WorkspaceResource } from '../analysis/analyzer';
import { labelSelectorMatches, stringRecord, type Labels } from '../analysis/labels';
import {
  containersOf,
  enrolledInAmbient,
  meshMembership,
  podInAmbientMode,
  podsOf,
  podsOfIn,
} from './util/mesh-membership';
import { selectorString } from './util/selector-string';
import { policyTargetRefs, TARGET_KINDS, targetsNotFound } from './util/target-refs';
import { boundWaypoint } from './util/waypoint';
import { withDedup, type DedupContext } from './util/dedup-reporter';
import { extensionProviderNames, misspeltProvider } from './util/extension-providers';
import { gatewayApiNamespaces, nonPodWorkloadLabels, vmWorkloadNamespaces } from './util/non-pod-workloads';
import { isInstalled } from '../analysis/installed';
import { GATEWAY_API } from '../analysis/istio';
import { namespaceSlip } from '../analysis/provenMissing';
import { arr, obj, str, valueAt } from '../util/json';
import { rootNamespaceOf } from '../mesh';
import { chartMayRenderPods, nearMissName, nearMissSelector, placeableIn } from '../analysis/nearMiss';

export const authAuthorizationPoliciesAnalyzer: Analyzer = {
  meta: {
    name: 'auth.AuthorizationPoliciesAnalyzer',
    description: 'Checks the validity of authorization policies',
    codes: ['IST0127', 'IST0101'],
    inputs: [
      'MeshConfig',
      'AuthorizationPolicy',
      'Namespace',
      'Pod',
      'Service',
      'ServiceEntry',
      'KubernetesGateway',
      'WorkloadEntry',
      'WorkloadGroup',
      'GatewayClass',
      'PeerAuthentication',
      'RequestAuthentication',
      'IstioOperator',
      'ConfigMap',
      'ServiceAccount',
    ],
    inAll: true,
  },
  analyze(rawCtx) {
    const ctx = withDedup(rawCtx);
    // Without a policy nothing is reported: the workload and namespace scans below are skipped (a
    // policy added later changes a kind this analyzer read, so it runs again).
    const policies = ctx.resources('AuthorizationPolicy', 'security.istio.io');
    const authn = AUTHN_KINDS.flatMap((k) => ctx.resources(k, 'security.istio.io'));
    if (!policies.length && !authn.length) return;
    const workloads = meshWorkloads(ctx);
    // Read only when a policy names a source namespace (nothing else uses them).
    const knownNamespaces = !policies.some(namesSourceNamespace)
      ? null
      : ctx.assumeComplete
        ? withGitOpsNamespaces(ctx)
        : namespacesInUse(ctx);
    const root = rootNamespaceOf(ctx.meshConfig);
    // Read only when a policy is CUSTOM (the IstioOperators and ConfigMaps hold them).
    const providers = policies.some((ap) => str(valueAt(ap.value, 'spec', 'action')) === 'CUSTOM')
      ? extensionProviderNames(ctx)
      : null;
    ctx.eachSubject(policies, (ap) => {
      // A selector may also be proven misspelt by a slip from a pod applied with `-n` (undecided).
      const provable =
        ctx.assumeComplete ||
        (ap.ns === root
          ? workloads.anywhere()
          : workloads.in(ap.ns).workloads ||
            (valueAt(ap.value, 'spec', 'selector') != null && workloads.undecided().length > 0));
      if (provable && !attachedToDeployedTargets(ctx, ap)) noMatchingWorkloads(ctx, ap, workloads, root);
      if (knownNamespaces) namespacesNotFound(ctx, ap, knownNamespaces);
      targetsNotFound(ctx, ap);
      if (providers) customProviderSlip(ctx, ap, providers);
      principalsNotFound(ctx, ap);
    });
    ctx.eachSubject(authn, (r) => authnSelectorSlips(ctx, r, workloads, root));
  },
};

/** A principal naming a Kubernetes service account: `<trust domain>/ns/<namespace>/sa/<name>`, no wildcard. */
const SA_PRINCIPAL = /^[^*]*\/ns\/([^/*]+)\/sa\/([^/*]+)$/;

/**
 * Source principals (and notPrincipals) whose service account is none the workspace shows in its namespace
 * (a ServiceAccount manifest, a pod's serviceAccountName, `default`; those applied with `-n` may be there),
 * but one slip from one of them, not a numbered sibling: a misspelt identity matches no caller. A name unlike
 * all of them is a service account made apart (a chart's, another repository's).
 */
function principalsNotFound(ctx: DedupContext, ap: WorkspaceResource): void {
  const accounts = new Map<string, Set<string>>();
  const accountsIn = (ns: string): Set<string> => {
    let names = accounts.get(ns);
    if (!names) {
      const pods = [...podsOfIn(ctx, ns), ...podsOf(ctx).filter((p) => !p.resource.nsKnown)];
      names = new Set([
        'default',
        ...placeableIn(ctx, 'ServiceAccount', ns, '').map((r) => r.name),
        ...pods.map((p) => str(p.spec.serviceAccountName) || str(p.spec.serviceAccount)).filter(Boolean),
      ]);
      accounts.set(ns, names);
    }
    return names;
  };
  arr(valueAt(ap.value, 'spec', 'rules')).forEach((rule, i) => {
    arr(valueAt(rule, 'from')).forEach((f, j) => {
      for (const field of ['principals', 'notPrincipals'] as const) {
        arr(valueAt(f, 'source', field)).forEach((p, k) => {
          const m = SA_PRINCIPAL.exec(str(p));
          if (!m) return;
          const known = accountsIn(m[1]);
          if (known.has(m[2])) return;
          if (nearMissName(m[2], known))
            ctx.report(
              'IST0101',
              ap,
              ['service account', str(p)],
              ['spec', 'rules', i, 'from', j, 'source', field, k],
            );
        });
      }
    });
  });
}

/** A CUSTOM policy whose provider is one slip from an extension provider of the workspace, and none of them. */
function customProviderSlip(ctx: DedupContext, ap: WorkspaceResource, providers: ReadonlySet<string>): void {
  const spec = obj(valueAt(ap.value, 'spec'));
  const name = str(obj(spec.provider).name);
  if (str(spec.action) === 'CUSTOM' && misspeltProvider(name, providers))
    ctx.report('IST0101', ap, ['extension provider', name], ['spec', 'provider', 'name']);
}

/** The kinds whose workload selector istiod reads as an AuthorizationPolicy's, beside it. */
const AUTHN_KINDS = ['PeerAuthentication', 'RequestAuthentication'];

/**
 * Beyond istioctl (which has no analyzer for them): a PeerAuthentication's or RequestAuthentication's
 * selector that matches no workload of its namespace (of any, in the root namespace) and is one label slip
 * from one of them. Reported on a slip only, with the whole cluster too: istioctl's own cases expect
 * nothing here, and a selector unlike every workload targets one deployed apart. A RequestAuthentication
 * attached with targetRef(s) has no selector istiod reads.
 */
function authnSelectorSlips(
  ctx: AnalysisContext,
  r: WorkspaceResource,
  workloads: MeshWorkloads,
  root: string,
): void {
  const spec = obj(valueAt(r.value, 'spec'));
  if (spec.selector == null || typeof spec.selector !== 'object' || policyTargetRefs(spec) !== null) return;
  const matchLabels = stringRecord(valueAt(spec.selector, 'matchLabels'));
  const candidates = r.ns === root ? workloads.all() : workloads.in(r.ns).mesh;
  if (r.ns !== root) candidates.push(...workloads.undecided());
  if (candidates.some((l) => labelSelectorMatches({ matchLabels }, l)) || chartMayRenderPods(ctx)) return;
  if (nearMissSelector(matchLabels, candidates))
    ctx.report('IST0127', r, [selectorString(matchLabels)], ['spec', 'selector']);
}

function noMatchingWorkloads(
  ctx: AnalysisContext,
  ap: WorkspaceResource,
  workloads: MeshWorkloads,
  root: string,
): void {
  const selector = valueAt(ap.value, 'spec', 'selector');
  const hasSelector = selector != null && typeof selector === 'object';
  const matchLabels = hasSelector ? stringRecord(valueAt(selector, 'matchLabels')) : {};
  const matches = (l: Labels) => labelSelectorMatches({ matchLabels }, l);
  // Without the whole cluster, only a slip from a workload of the workspace proves the selector wrong;
  // with it, the pods a chart a GitOps object installs runs are unknown (in its namespace, or anywhere
  // for a mesh-wide policy).
  const provable = (candidates: Iterable<Labels>, ns?: string) =>
    ctx.assumeComplete
      ? !ctx.releasedInto(ns)
      : !chartMayRenderPods(ctx) && nearMissSelector(matchLabels, candidates);
  const where = hasSelector ? ['spec', 'selector'] : ['metadata', 'name'];
  if (ap.ns === root) {
    // Mesh-wide: a selector must match some workload anywhere; selector-less applies to the mesh.
    const all = workloads.all();
    if (hasSelector && !all.some(matches) && provable(all)) {
      ctx.report('IST0127', ap, [selectorString(matchLabels)], where);
    }
    return;
  }
  const inNs = workloads.in(ap.ns).mesh;
  if (!hasSelector) {
    if (inNs.length === 0 && !(ctx.assumeComplete && ctx.releasedInto(ap.ns)))
      ctx.report('IST0127', ap, [''], where);
    return;
  }
  if (!inNs.some(matches) && provable([...inNs, ...workloads.undecided()], ap.ns))
    ctx.report('IST0127', ap, [selectorString(matchLabels)], where);
}

interface MeshWorkloads {
  /** A namespace's in-mesh and ambient pods' labels, and whether it has a workload the workspace describes. */
  in(ns: string): { mesh: Labels[]; workloads: boolean };
  /** Every namespace's in-mesh and ambient pods' labels. */
  all(): Labels[];
  /** Whether any namespace has a workload the workspace describes. */
  anywhere(): boolean;
  /**
   * The labels of the pods whose namespace is given at apply time (`kubectl apply -n`): they may be applied
   * to any namespace, so a selector one slip from them is misspelt there too, as a host one slip from such a
   * Service is (a task's policies name `namespace: foo`, its sample apps none).
   */
  undecided(): Labels[];
}

/**
 * The workloads policies select, scanned one namespace at a time when a policy asks: a trial
 * placement re-checks a few policies, and scanning every pod of the workspace for each trial was
 * most of this analyzer's cost (and its reads of every pod made each finding depend on every
 * namespace). Each namespace is scanned once per run (memoize): a later policy's finding still depends
 * on the reads the scan made (analysis/watch.ts).
 */
function meshWorkloads(ctx: AnalysisContext): MeshWorkloads {
  const inNs = ctx.memoize((ns: string) => {
    const pods = podsOfIn(ctx, ns);
    const mesh: Labels[] = [];
    let workloads = false;
    for (const p of pods) {
      if (!isInstalled(p.resource)) workloads = true; // the installation describes no namespace
      const member = meshMembership(ctx, {
        ns: p.ns,
        labels: p.labels,
        annotations: p.annotations,
        containers: containersOf(p.spec, true),
      });
      // Istio appends a pod once for the sidecar and once more for ambient; duplicates are harmless.
      if (member === true || (member === undefined && !ctx.assumeComplete)) mesh.push(p.labels);
      if (podInAmbientMode(p.annotations) || enrolledInAmbient(ctx, p)) mesh.push(p.labels);
    }
    // A VM workload and a Gateway API gateway's pod run a proxy: in the mesh, matched (and slipped from) like a
    // pod; the workspace describes them.
    const others = nonPodWorkloadLabels(ctx, ns);
    mesh.push(...others);
    if (others.length) workloads = true;
    return { mesh, workloads };
  });
  const namespaces = () =>
    new Set([...podsOf(ctx).map((p) => p.ns), ...vmWorkloadNamespaces(ctx), ...gatewayApiNamespaces(ctx)]);
  return {
    in: inNs,
    all: () => [...namespaces()].flatMap((ns) => inNs(ns).mesh),
    anywhere: () => [...namespaces()].some((ns) => inNs(ns).workloads),
    undecided: () => podsOf(ctx).flatMap((p) => (p.resource.nsKnown ? [] : [p.labels])),
  };
}

/**
 * Difference from istioctl (deliberate): a policy attached with targetRef(s) only to what the workspace
 * shows deployed is not "matching no workload": Gateway API Gateways, whose pods Istio's gateway controller
 * deploys from them, and Services or ServiceEntries bound to a waypoint Gateway of the workspace, which
 * enforces the policy. istioctl reads such a policy as selector-less, so a namespace without Pod manifests
 * gets IST0127; in a cluster those gateway pods run istio-proxy, in the mesh, and istioctl is silent.
 */
function attachedToDeployedTargets(ctx: AnalysisContext, ap: WorkspaceResource): boolean {
  const refs = policyTargetRefs(obj(valueAt(ap.value, 'spec')));
  return (
    refs !== null &&
    refs.length > 0 &&
    refs.every(({ ref }) => {
      const kind = str(ref.kind);
      const group = TARGET_KINDS[`${kind}/${str(ref.group)}`];
      const ns = ref.namespace == null ? ap.ns : str(ref.namespace);
      const target = group === undefined ? undefined : ctx.find(kind, ns, str(ref.name), group);
      if (!target) return false;
      return group === GATEWAY_API || boundWaypoint(ctx, target) !== undefined;
    })
  );
}

function namespacesNotFound(ctx: DedupContext, ap: WorkspaceResource, known: ReadonlySet<string>): void {
  arr(valueAt(ap.value, 'spec', 'rules')).forEach((rule, i) => {
    arr(valueAt(rule, 'from')).forEach((f, j) => {
      for (const field of ['namespaces', 'notNamespaces'] as const) {
        arr(valueAt(f, 'source', field)).forEach((exp, k) => {
          if (typeof exp !== 'string') return;
          if (
            ![...known].some((ns) => namespaceMatch(ns, exp)) &&
            (ctx.assumeComplete || misspelt(exp, known))
          ) {
            // Istio takes the line from namespaces[k], even for a notNamespaces entry.
            ctx.report(
              'IST0101',
              ap,
              ['namespace', exp],
              ['spec', 'rules', i, 'from', j, 'source', field, k],
              ['spec', 'rules', i, 'from', j, 'source', 'namespaces', k],
            );
          }
        });
      }
    });
  });
}

/** A source namespace one slip from a namespace the workspace proves (a pattern is no slip). */
function misspelt(exp: string, known: ReadonlySet<string>): boolean {
  return !exp.includes('*') && [...known].some((ns) => namespaceSlip(exp, ns));
}

/** Whether a rule's source names a namespace (what namespacesNotFound checks). */
function namesSourceNamespace(ap: WorkspaceResource): boolean {
  return arr(valueAt(ap.value, 'spec', 'rules')).some((rule) =>
    arr(valueAt(rule, 'from')).some((f) =>
      (['namespaces', 'notNamespaces'] as const).some((field) =>
        arr(valueAt(f, 'source', field)).some((exp) => typeof exp === 'string'),
      ),
    ),
  );
}

/** Namespaces every cluster has. */
const BUILTIN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** Namespaces the workspace proves: Namespace manifests, the namespaces resources are applied to, the built-in ones. */
function namespacesInUse(ctx: AnalysisContext): Set<string> {
  return new Set([...ctx.namespaceNames(), ...BUILTIN_NAMESPACES, ...ctx.decidedNamespaces()]);
}

/** Istio's namespaceMatch: `*`, `*suffix`, `prefix*`, else a case-insensitive equality. */
export function namespaceMatch(ns: string, exp: string): boolean {
  if (exp === '*') return true;
  if (exp.startsWith('*')) return ns.endsWith(exp.slice(1));
  if (exp.endsWith('*')) return ns.startsWith(exp.slice(0, -1));
  return ns.toLowerCase() === exp.toLowerCase();
}

/** The namespaces the whole cluster has: its Namespace manifests, and those GitOps objects apply to (created by sync). */
function withGitOpsNamespaces(ctx: AnalysisContext): ReadonlySet<string> {
  const gitOps = ctx.gitOpsNamespaces();
  return gitOps.size ? new Set([...ctx.namespaceNames(), ...gitOps]) : ctx.namespaceNames();
}
