// serviceentry.Analyzer: a ServiceEntry with TCP (or unset-protocol) ports needs addresses, unless
// it was given one (status) or DNS capture with address auto-allocation is on in the mesh config.
// Without a cluster, only a mesh config the workspace or the settings give (meshConfigKnown) proves
// auto-allocation off: Helm values or an operator's resource may turn it on.
import type { Analyzer } from '../analysis/analyzer';
import { NETWORKING, everyDefinition } from '../analysis/istio';
import { arr, obj, str, valueAt } from '../util/json';

export const serviceEntryAnalyzer: Analyzer = {
  meta: {
    name: 'serviceentry.Analyzer',
    description: 'Checks the validity of ServiceEntry',
    codes: ['IST0134'],
    inputs: ['ServiceEntry', 'MeshConfig'],
    inAll: true,
  },
  analyze(ctx) {
    if (!ctx.meshConfigKnown) return;
    const meta = obj(obj(valueAt(ctx.meshConfig, 'defaultConfig')).proxyMetadata);
    const dnsCapture = str(meta.ISTIO_META_DNS_CAPTURE) === 'true';
    const autoAllocated =
      dnsCapture &&
      (str(meta.ISTIO_META_DNS_AUTO_ALLOCATE) === 'true' ||
        str(meta.PILOT_ENABLE_IP_AUTOALLOCATE) === 'true');
    if (autoAllocated) return;
    for (const r of everyDefinition(ctx, 'ServiceEntry', NETWORKING)) {
      const spec = obj(r.value.spec);
      if (arr(spec.addresses).length > 0 || arr(obj(r.value.status).addresses).length > 0) continue;
      arr(spec.ports).forEach((p, i) => {
        const proto = str(obj(p).protocol);
        if (proto === '' || proto.toUpperCase() === 'TCP') ctx.report('IST0134', r, [], ['spec', 'ports', i]);
      });
    }
  },
};
