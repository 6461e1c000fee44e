// schema.ValidationAnalyzer.Sidecar: Istio's webhook warns of an egress host another host of the listener
// already imports, reading `.` as the Sidecar's namespace (IST0133, reported by the per-file rule).
//
// Difference from istioctl (deliberate): a Sidecar without workloadSelector in the mesh's root namespace
// is the default of every namespace that has none, and there `.` means each workload's own namespace
// (Istio converts it per importing namespace). So `./*` beside `<root>/*` imports two different things
// for every workload outside the root namespace; a duplicate that only that reading of `.` creates is
// information, saying so. Real duplicates keep the warning.
import type { Analyzer } from '../analysis/analyzer';
import { NETWORKING } from '../analysis/istio';
import { egressImports } from '../webhook/sidecar';
import { arr, obj, str } from '../util/json';
import { rootNamespaceOf } from '../mesh';

/** Not a namespace name (DNS labels have no '/'): `.` read as it, so it collides with nothing. */
const OWN_NAMESPACE = '/own';

const REASON =
  'harmless here: in the root namespace a Sidecar without workloadSelector is the mesh default, where `.` is each workload’s own namespace';

export const sidecarValidationAnalyzer: Analyzer = {
  meta: {
    name: 'schema.ValidationAnalyzer.Sidecar',
    description: "Runs schema validation as an analyzer on 'Sidecar' resources",
    codes: ['IST0133'],
    inputs: ['MeshConfig', 'Sidecar'],
    inAll: true,
  },
  analyze(ctx) {
    const root = rootNamespaceOf(ctx.meshConfig);
    ctx.eachSubject(ctx.resources('Sidecar', NETWORKING), (sc) => {
      const spec = obj(sc.value.spec);
      if (sc.ns !== root || spec.workloadSelector != null) return;
      arr(spec.egress).forEach((e, i) => {
        const hosts = arr(obj(e).hosts).map(str);
        const asWritten = egressImports(hosts, root).duplicated;
        const perWorkload = egressImports(hosts, OWN_NAMESPACE).duplicated;
        for (const k of asWritten) {
          if (perWorkload.has(k)) continue;
          const at = ['spec', 'egress', i, 'hosts', k];
          ctx.reportAsInformation(REASON, 'IST0133', sc, [`duplicated egress host: ${hosts[k]}`], at);
        }
      });
    });
  },
};
