// service.PortNameAnalyzer: Istio must be able to tell each Service port's protocol from its name
// (`<protocol>[-<suffix>]`) or appProtocol; ExternalName services must not use a TCP-named or unnamed port.
import type { Analyzer, WorkspaceResource } from '../analysis/analyzer';
import { isSystemNamespace } from '../analysis/istio';
import { convertProtocol } from '../analysis/protocol';
import { arr, num, obj, str } from '../util/json';

const MANAGED_GATEWAY_LABEL = 'gateway.istio.io/managed';
const MANAGED_BY_ISTIO = new Set([
  'istio.io-gateway-controller',
  'istio.io-mesh-controller',
  'istio.io-eastwest-controller',
]);

export const portNameAnalyzer: Analyzer = {
  meta: {
    name: 'service.PortNameAnalyzer',
    description: 'Checks the port names associated with each service',
    codes: ['IST0118', 'IST0150'],
    inputs: ['Service'],
    inAll: true,
  },
  analyze(ctx) {
    for (const r of ctx.resources('Service', '')) {
      if (isSystemNamespace(r.ns) || isIstioControlPlane(r)) continue;
      if (MANAGED_BY_ISTIO.has(r.labels[MANAGED_GATEWAY_LABEL] ?? '')) continue;
      const spec = obj(r.value.spec);
      const externalName = str(spec.type) === 'ExternalName';
      arr(spec.ports).forEach((p, i) => {
        const port = obj(p);
        const name = str(port.name);
        const number = num(port.port) ?? 0;
        const appProtocol = typeof port.appProtocol === 'string' ? port.appProtocol : undefined;
        const proto = convertProtocol(number, name, str(port.protocol), appProtocol);
        if (proto !== 'UnsupportedProtocol' && !(name === 'tcp' && externalName)) return;
        if (externalName) ctx.report('IST0150', r, [], ['spec', 'ports', i]);
        else
          ctx.report(
            'IST0118',
            r,
            [name, number, intOrString(port.targetPort ?? number)],
            ['spec', 'ports', i],
          );
      });
    }
  },
};

/** util.IsIstioControlPlane: an `istio` label, or `release: istio`. */
export function isIstioControlPlane(r: WorkspaceResource): boolean {
  return 'istio' in r.labels || r.labels.release === 'istio';
}

/** intstr.IntOrString.String(). An unset targetPort is shown as the API server defaults it: the port. */
function intOrString(v: unknown): string {
  if (typeof v === 'number') return String(Math.trunc(v));
  if (typeof v === 'string') return v;
  return '0';
}
