// telemetry.ProviderAnalyzer (istio/istio pkg/config/analysis/analyzers/telemetry/providers.go):
// an access-logging entry without providers is ignored when MeshConfig sets no default
// access-logging provider (IST0157); a `disabled: true` entry needs none.
// Without a cluster: the mesh config is the configured MeshConfig file/setting merged on Istio's
// defaults, or the one the workspace shows (its IstioOperator's, its `istio` ConfigMap's); when none gives
// it (meshConfigKnown false: Helm values, an operator's resource set it), default providers may be
// configured there, and nothing is reported.
import type { Analyzer } from '../analysis/analyzer';
import { withDedup } from './util/dedup-reporter';
import { arr, valueAt } from '../util/json';

export const telemetryProviderAnalyzer: Analyzer = {
  meta: {
    name: 'telemetry.ProviderAnalyzer',
    description: 'Validates that providers in telemetry resource is valid',
    codes: ['IST0157'],
    inputs: ['Telemetry', 'MeshConfig'],
    inAll: true,
  },
  analyze(rawCtx) {
    const ctx = withDedup(rawCtx);
    if (!ctx.meshConfigKnown) return;
    const defaults = valueAt(ctx.meshConfig, 'defaultProviders', 'accessLogging');
    if (Array.isArray(defaults) && defaults.length > 0) return;
    for (const t of ctx.resources('Telemetry', 'telemetry.istio.io')) {
      const logging: unknown[] = arr(valueAt(t.value, 'spec', 'accessLogging'));
      logging.forEach((l, i) => {
        if (valueAt(l, 'disabled') === true) return;
        if (arr(valueAt(l, 'providers')).length === 0) {
          ctx.report('IST0157', t, [t.name, t.ns], ['spec', 'accessLogging', i]);
        }
      });
    }
  },
};
