// deprecation.DeprecationAnalyzer (istio/istio pkg/config/analysis/analyzers/deprecation/deprecation.go):
// hand-written list of deprecated Istio fields and removed CRDs.
// Without a cluster: nothing is missed; it reads manifests only.
import type { Analyzer } from '../analysis/analyzer';
import { NETWORKING, everyDefinition } from '../analysis/istio';
import { withDedup } from './util/dedup-reporter';
import { arr, valueAt } from '../util/json';

/** Istio CRDs that were removed (all of rbac.istio.io), still reported when a CRD manifest installs them. */
const REMOVED_GROUP = 'rbac.istio.io';
const REMOVED_KINDS: readonly string[] = [
  'ClusterRbacConfig',
  'RbacConfig',
  'ServiceRole',
  'ServiceRoleBinding',
];

export const deprecationAnalyzer: Analyzer = {
  meta: {
    name: 'deprecation.DeprecationAnalyzer',
    description: 'Checks for deprecated Istio types and fields',
    codes: ['IST0002'],
    inputs: ['VirtualService', 'Sidecar', 'CustomResourceDefinition'],
    inAll: true,
  },
  analyze(rawCtx) {
    const ctx = withDedup(rawCtx);
    for (const vs of everyDefinition(ctx, 'VirtualService', NETWORKING)) {
      const http: unknown[] = arr(valueAt(vs.value, 'spec', 'http'));
      http.forEach((route, i) => {
        const percent = valueAt(route, 'fault', 'delay', 'percent');
        if (typeof percent === 'number' && percent > 0) {
          ctx.report(
            'IST0002',
            vs,
            ['HTTPRoute.fault.delay.percent is deprecated; use HTTPRoute.fault.delay.percentage'],
            ['spec', 'http', i, 'fault', 'delay', 'percent'],
          );
        }
      });
    }
    for (const sc of everyDefinition(ctx, 'Sidecar', NETWORKING)) {
      if (valueAt(sc.value, 'spec', 'outboundTrafficPolicy', 'egressProxy') != null) {
        ctx.report(
          'IST0002',
          sc,
          ['OutboundTrafficPolicy.EgressProxy ignored'],
          ['spec', 'outboundTrafficPolicy', 'egressProxy'],
        );
      }
    }
    for (const crd of ctx.resources('CustomResourceDefinition', 'apiextensions.k8s.io')) {
      const group = valueAt(crd.value, 'spec', 'group');
      const kind = valueAt(crd.value, 'spec', 'names', 'kind');
      if (group === REMOVED_GROUP && typeof kind === 'string' && REMOVED_KINDS.includes(kind))
        ctx.report(
          'IST0002',
          crd,
          [`Custom resource type ${REMOVED_GROUP} ${kind} is removed`],
          ['spec', 'names', 'kind'],
        );
    }
  },
};
