// telemetry.LightstepAnalyzer (istio/istio pkg/config/analysis/analyzers/telemetry/lightstep.go):
// tracing through a MeshConfig extension provider of the deprecated Lightstep type (IST0002).
// Without a cluster: the mesh config is the configured MeshConfig file/setting merged on Istio's
// defaults, not the istio ConfigMap of a cluster.
import type { Analyzer } from '../analysis/analyzer';
import { withDedup } from './util/dedup-reporter';
import { arr, objs, valueAt } from '../util/json';

export const telemetryLightstepAnalyzer: Analyzer = {
  meta: {
    name: 'telemetry.LightstepAnalyzer',
    description: 'Validates that lightstep provider is still used',
    codes: ['IST0002'],
    inputs: ['Telemetry', 'MeshConfig'],
    inAll: true,
  },
  analyze(rawCtx) {
    const ctx = withDedup(rawCtx);
    const providers: unknown[] = arr(valueAt(ctx.meshConfig, 'extensionProviders'));
    const lightstep = new Set(
      objs(providers).flatMap((p) => (p.lightstep != null && typeof p.name === 'string' ? [p.name] : [])),
    );
    if (lightstep.size === 0) return;
    for (const t of ctx.resources('Telemetry', 'telemetry.istio.io')) {
      const tracing: unknown[] = arr(valueAt(t.value, 'spec', 'tracing'));
      tracing.forEach((tr, i) => {
        arr(valueAt(tr, 'providers')).forEach((p, j) => {
          const name = valueAt(p, 'name');
          if (typeof name === 'string' && lightstep.has(name)) {
            ctx.report(
              'IST0002',
              t,
              [`The Lightstep provider ${name} is deprecated, please migrate to OpenTelemetry provider.`],
              ['spec', 'tracing', i, 'providers', j, 'name'],
            );
          }
        });
      });
    }
  },
};
