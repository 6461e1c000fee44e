// What Istio's gateway controller deploys for a Gateway API Gateway (istio/istio
// pilot/pkg/config/kube/gateway, deploymentcontroller.go), as far as other objects name it: the Service in
// the Gateway's namespace, named `<name>-<class>` (`bookinfo-gateway-istio`), or `<name>` for a waypoint
// (class istio-waypoint), unless `gateway.istio.io/name-override` names it; it selects the gateway's pods
// (gateway.networking.k8s.io/gateway-name: <name>) on the listeners' ports and the status port 15021, and
// carries gateway.istio.io/managed (a gateway's Service is no application Service a waypoint serves).
// Only for the classes Istio's controller deploys (`istio`, `istio-waypoint`, a GatewayClass of the
// workspace whose controllerName is istio.io/gateway-controller) and a Gateway that names no Hostname
// address (one that does points at a Service deployed by hand: Istio deploys nothing). Like Flagger's
// objects (flagger.ts) the Services are workspace objects read like any other and never reported on; a
// Service of that name the workspace defines itself is not generated. The pods are not workspace objects
// (nothing else about them is proven from files): their labels (gatewayPodLabels) are what a policy's,
// Sidecar's or Telemetry's selector may match.
import type { WorkspaceResource } from './analyzer';
import { GATEWAY_API } from './groups';
import { GeneratedResource } from './generated';
import { stringRecord } from './labels';
import { arr, num, obj, str, type Obj } from '../util/json';

const ISTIO_CONTROLLER = 'istio.io/gateway-controller';
const WAYPOINT_CLASS = 'istio-waypoint';
const NAME_OVERRIDE = 'gateway.istio.io/name-override';
const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';
/** Marks what Istio's controllers deploy: a waypoint's objects the mesh controller's, others the gateway controller's. */
export const MANAGED_LABEL = 'gateway.istio.io/managed';
const managedBy = (cls: string): string =>
  cls === WAYPOINT_CLASS ? 'istio.io-mesh-controller' : 'istio.io-gateway-controller';
const STATUS_PORT = { name: 'status-port', port: 15021, protocol: 'TCP' };

/** The kinds whose change changes what is generated here, and the kind generated. */
export const GATEWAY_CONTROLLER_INPUT_KINDS = ['Gateway', 'GatewayClass'];
export const GATEWAY_CONTROLLER_OUTPUT_KINDS = ['Service'];

/** The Services Istio's gateway controller creates for the Gateways among `resources`. */
export function gatewayControllerObjects(resources: readonly WorkspaceResource[]): WorkspaceResource[] {
  const gateways = resources.filter((r) => r.kind === 'Gateway' && r.group === GATEWAY_API);
  if (!gateways.length) return [];
  const istioClasses = istioGatewayClasses(resources.filter((r) => r.kind === 'GatewayClass'));
  const services = new Set(
    resources
      .filter((r) => r.kind === 'Service' && r.group === '')
      .map((r) => `${r.nsKnown ? r.ns : ''}/${r.name}`),
  );
  const defined = (gw: WorkspaceResource, name: string) =>
    services.has(`/${name}`) || services.has(`${gw.nsKnown ? gw.ns : ''}/${name}`);
  const out: WorkspaceResource[] = [];
  for (const gw of gateways) {
    if (!deploysFor(gw, istioClasses)) continue;
    const spec = obj(gw.value.spec);
    const cls = str(spec.gatewayClassName);
    const name = gw.annotations[NAME_OVERRIDE] || (cls === WAYPOINT_CLASS ? gw.name : `${gw.name}-${cls}`);
    if (defined(gw, name)) continue;
    out.push(
      new GeneratedResource(gw, 'v1', 'Service', name, {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, labels: { [GATEWAY_NAME_LABEL]: gw.name, [MANAGED_LABEL]: managedBy(cls) } },
        spec: { selector: { [GATEWAY_NAME_LABEL]: gw.name }, ports: servicePorts(spec) },
      }),
    );
  }
  return out;
}

/** A waypoint: a Gateway of Istio's waypoint class (its proxy takes policies by targetRef only). */
export const isWaypointGateway = (gw: WorkspaceResource): boolean =>
  str(obj(gw.value.spec).gatewayClassName) === WAYPOINT_CLASS;

/** The classes Istio's controller deploys: `istio`, `istio-waypoint`, and the GatewayClasses naming its controller. */
export function istioGatewayClasses(gatewayClasses: readonly WorkspaceResource[]): Set<string> {
  const out = new Set(['istio', WAYPOINT_CLASS]);
  for (const r of gatewayClasses)
    if (r.group === GATEWAY_API && str(obj(r.value.spec).controllerName) === ISTIO_CONTROLLER)
      out.add(r.name);
  return out;
}

/** Whether Istio's controller deploys a Gateway: of an Istio class, naming no Hostname address. */
function deploysFor(gw: WorkspaceResource, istioClasses: ReadonlySet<string>): boolean {
  const spec = obj(gw.value.spec);
  return (
    istioClasses.has(str(spec.gatewayClassName)) &&
    !arr(spec.addresses).some((a) => str(obj(a).type) === 'Hostname')
  );
}

/**
 * The labels of the pods Istio's controller deploys for a Gateway (kube-gateway.yaml), if it deploys it: the
 * Gateway's labels, or `spec.infrastructure.labels` when set (without the `gateway.networking.k8s.io/`
 * prefix), then its name and class. Releases before 1.24 selected them by `istio.io/gateway-name`, which
 * their Deployments keep through upgrades.
 */
export function gatewayPodLabels(
  gw: WorkspaceResource,
  istioClasses: ReadonlySet<string>,
): Record<string, string> | undefined {
  if (gw.kind !== 'Gateway' || gw.group !== GATEWAY_API || !deploysFor(gw, istioClasses)) return undefined;
  const infra = obj(obj(gw.value.spec).infrastructure).labels;
  const own = infra != null ? stringRecord(infra) : gw.labels;
  const copied = Object.entries(own).filter(([k]) => !k.startsWith('gateway.networking.k8s.io/'));
  const cls = str(obj(gw.value.spec).gatewayClassName);
  return {
    ...Object.fromEntries(copied),
    [GATEWAY_NAME_LABEL]: gw.name,
    'gateway.networking.k8s.io/gateway-class-name': cls,
    'istio.io/gateway-name': gw.name,
    [MANAGED_LABEL]: managedBy(cls),
  };
}

/** The status port, then one port per listener port (named after its first listener). */
function servicePorts(spec: Obj): Obj[] {
  const out: Obj[] = [STATUS_PORT];
  for (const l of arr(spec.listeners).map(obj)) {
    const port = num(l.port);
    if (port === undefined || out.some((p) => p.port === port)) continue;
    out.push({
      name: str(l.name) || `port-${port}`,
      port,
      protocol: str(l.protocol) === 'UDP' ? 'UDP' : 'TCP',
    });
  }
  return out;
}
