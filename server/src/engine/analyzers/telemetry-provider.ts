// telemetry.ProviderAnalyzer (istio/istio pkg/config/analysis/analyzers/telemetry/providers.go):
// an access-logging entry without providers is ignored when MeshConfig sets no default
// access-logging provider (IST0157); a `disabled: true` entry needs none.
// Without a cluster: the mesh config is the configured MeshConfig file/setting merged on Istio's
// defaults, or the one the workspace shows (its IstioOperator's, its `istio` ConfigMap's); when none gives
// it (meshConfigKnown false: Helm values, an operator's resource set it), default providers may be
// configured there, and nothing is reported.
// Beyond istioctl: IST0101 when a provider an entry names (tracing, access logging, metrics) is one slip from
// an extension provider the workspace defines and none of them (util/extension-providers.ts): istiod skips a
// provider it does not know, so those logs, traces or metrics are never produced.
import type { Analyzer } from '../analysis/analyzer';
import { withDedup } from './util/dedup-reporter';
import { arr, str, valueAt } from '../util/json';
import { extensionProviderNames, misspeltProvider } from './util/extension-providers';

export const telemetryProviderAnalyzer: Analyzer = {
  meta: {
    name: 'telemetry.ProviderAnalyzer',
    description: 'Validates that providers in telemetry resource is valid',
    codes: ['IST0157', 'IST0101'],
    inputs: ['Telemetry', 'MeshConfig', 'IstioOperator', 'ConfigMap'],
    inAll: true,
  },
  analyze(rawCtx) {
    const ctx = withDedup(rawCtx);
    const telemetries = ctx.resources('Telemetry', 'telemetry.istio.io');
    if (!telemetries.length) return;
    const known = extensionProviderNames(ctx);
    for (const t of telemetries)
      for (const field of ['tracing', 'accessLogging', 'metrics'])
        arr(valueAt(t.value, 'spec', field)).forEach((entry, i) =>
          arr(valueAt(entry, 'providers')).forEach((p, j) => {
            const name = str(valueAt(p, 'name'));
            if (misspeltProvider(name, known))
              ctx.report(
                'IST0101',
                t,
                ['extension provider', name],
                ['spec', field, i, 'providers', j, 'name'],
              );
          }),
        );
    if (!ctx.meshConfigKnown) return;
    const defaults = valueAt(ctx.meshConfig, 'defaultProviders', 'accessLogging');
    if (Array.isArray(defaults) && defaults.length > 0) return;
    for (const t of telemetries) {
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
