// webhook.Analyzer (istio/istio pkg/config/analysis/analyzers/webhook/webhook.go): Istio's injection
// webhooks must not overlap (for every combination of namespace/object injection labels and
// revisions, at most one may match, or a pod is injected twice), and must point at an existing
// control-plane Service (IST0139).
// Without a cluster (assumeComplete false): webhooks are the MutatingWebhookConfiguration manifests
// of the workspace; a missing Service is reported only when one the workspace holds in that namespace is
// a slip from its name (nearMiss.ts): a revision's istiod-<rev> is installed apart (istioctl install
// --revision), and Services of that namespace (the addons) do not say the workspace describes it.
import type { Analyzer, WorkspaceResource } from '../analysis/analyzer';
import { labelSelectorMatches } from '../analysis/labels';
import { REVISION_LABEL } from './util/mesh-membership';
import { withDedup } from './util/dedup-reporter';
import { isInstalled } from '../analysis/installed';
import { nearMissName } from '../analysis/nearMiss';
import { arr, asString, isObj, objs, toText, valueAt, type Obj } from '../util/json';

interface Hook {
  key: string;
  res: WorkspaceResource;
  index: number;
  hook: Obj;
}

export const webhookAnalyzer: Analyzer = {
  meta: {
    name: 'webhook.Analyzer',
    description: 'Checks the validity of Istio webhooks',
    codes: ['IST0139'],
    inputs: ['MutatingWebhookConfiguration'],
    inAll: true,
  },
  analyze(rawCtx) {
    const ctx = withDedup(rawCtx);
    const hooks: Hook[] = [];
    const revisions = new Set<string>();
    for (const res of ctx.resources('MutatingWebhookConfiguration', 'admissionregistration.k8s.io')) {
      const list = arr(res.value.webhooks);
      const revs = revisionsOf(res, list.filter(isObj));
      const istio = list.some((w) => isObj(w) && typeof w.name === 'string' && w.name.endsWith('istio.io'));
      if (revs.length === 0 && !istio) continue;
      revs.forEach((r) => revisions.add(r));
      list.forEach((hook, index) => {
        if (isObj(hook)) hooks.push({ key: `${res.name}/${toText(hook.name ?? '')}`, res, index, hook });
      });
    }
    if (hooks.length === 0) return;

    const nsBases: Record<string, string>[] = [
      {},
      { 'istio-injection': 'enabled' },
      { 'istio-injection': 'disabled' },
    ];
    const objBases: Record<string, string>[] = [
      {},
      { 'sidecar.istio.io/inject': 'true' },
      { 'sidecar.istio.io/inject': 'false' },
    ];
    const withRevisions = (bases: Record<string, string>[]) => [
      ...bases,
      ...[...revisions].flatMap((rev) => bases.map((b) => ({ ...b, [REVISION_LABEL]: rev }))),
    ];
    for (const nl of withRevisions(nsBases)) {
      for (const ol of withRevisions(objBases)) {
        const matched = new Map<string, Hook>();
        for (const h of hooks) {
          if (
            selects(h.hook.namespaceSelector, nl) &&
            selects(h.hook.objectSelector, ol) &&
            !matched.has(h.key)
          )
            matched.set(h.key, h);
        }
        if (matched.size < 2) continue;
        for (const [key, h] of matched) {
          const others = [...matched.keys()].filter((k) => k !== key);
          ctx.report(
            'IST0139',
            h.res,
            [`Webhook overlaps with others: [${others.join(' ')}]. This may cause injection to occur twice.`],
            ['webhooks', h.index, 'name'],
          );
        }
      }
    }

    // The assumed installation is no evidence of a slip.
    const slipFrom = (ns: string, name: string) =>
      nearMissName(
        name,
        ctx
          .resourcesIn('Service', ns, '')
          .filter((s) => !isInstalled(s))
          .map((s) => s.name),
      );
    for (const h of hooks) {
      const svc = valueAt(h.hook, 'clientConfig', 'service');
      if (svc == null || typeof svc !== 'object') continue; // a URL: not checked
      const ns = asString(valueAt(svc, 'namespace')) ?? '';
      const name = asString(valueAt(svc, 'name')) ?? '';
      if (ctx.find('Service', ns, name, '') || (!ctx.assumeComplete && !slipFrom(ns, name))) continue;
      ctx.report(
        'IST0139',
        h.res,
        [`Injector refers to a control plane service that does not exist: ${ns}/${name}.`],
        ['webhooks', h.index, 'clientConfig', 'service'],
      );
    }
  },
};

/** Revisions named by the configuration's istio.io/rev label and by its hooks' selectors. */
function revisionsOf(res: WorkspaceResource, list: readonly Obj[]): string[] {
  const revs = new Set<string>();
  if (Object.prototype.hasOwnProperty.call(res.labels, REVISION_LABEL)) revs.add(res.labels[REVISION_LABEL]);
  for (const w of list) {
    for (const sel of [w.namespaceSelector, w.objectSelector]) {
      if (!sel || typeof sel !== 'object') continue;
      const v = valueAt(sel, 'matchLabels', REVISION_LABEL);
      if (typeof v === 'string') revs.add(v);
      for (const e of objs(valueAt(sel, 'matchExpressions'))) {
        if (e.key === REVISION_LABEL) arr(e.values).forEach((x) => revs.add(toText(x)));
      }
    }
  }
  return [...revs];
}

/** A missing selector matches everything (admission webhook default). */
function selects(selector: unknown, labels: Record<string, string>): boolean {
  return selector == null || labelSelectorMatches(selector, labels);
}
