// Go's json.Marshal of a few corev1 types, for annotations whose text upstream compares verbatim
// (proxy.istio.io/overrides): fields in struct order, omitempty zero values dropped, unknown fields
// dropped, quantities canonical.
import { goJson } from './gotemplate';
import { canonicalQuantity } from '../util/quantity';
import { isObj, type Obj } from '../util/json';

/** Field → element type ('' for plain values). A trailing '!' marks a field that is not omitempty; '*' a pointer (zero kept). */
const TYPES: Record<string, [string, string][]> = {
  Container: [
    ['name!', ''],
    ['image', ''],
    ['command', ''],
    ['args', ''],
    ['workingDir', ''],
    ['ports', 'ContainerPort'],
    ['envFrom', ''],
    ['env', 'EnvVar'],
    ['resources!', 'ResourceRequirements'],
    ['resizePolicy', ''],
    ['restartPolicy*', ''],
    ['volumeMounts', 'VolumeMount'],
    ['volumeDevices', ''],
    ['livenessProbe*', 'Probe'],
    ['readinessProbe*', 'Probe'],
    ['startupProbe*', 'Probe'],
    ['lifecycle*', 'Lifecycle'],
    ['terminationMessagePath', ''],
    ['terminationMessagePolicy', ''],
    ['imagePullPolicy', ''],
    ['securityContext*', 'SecurityContext'],
    ['stdin', ''],
    ['stdinOnce', ''],
    ['tty', ''],
  ],
  ContainerPort: [
    ['name', ''],
    ['hostPort', ''],
    ['containerPort!', ''],
    ['protocol', ''],
    ['hostIP', ''],
  ],
  EnvVar: [
    ['name!', ''],
    ['value', ''],
    ['valueFrom*', ''],
  ],
  ResourceRequirements: [
    ['limits', 'Quantities'],
    ['requests', 'Quantities'],
    ['claims', ''],
  ],
  VolumeMount: [
    ['name!', ''],
    ['readOnly', ''],
    ['recursiveReadOnly*', ''],
    ['mountPath!', ''],
    ['subPath', ''],
    ['mountPropagation*', ''],
    ['subPathExpr', ''],
  ],
  Probe: [
    ['exec*', ''],
    ['httpGet*', 'HTTPGetAction'],
    ['tcpSocket*', ''],
    ['grpc*', ''],
    ['initialDelaySeconds', ''],
    ['timeoutSeconds', ''],
    ['periodSeconds', ''],
    ['successThreshold', ''],
    ['failureThreshold', ''],
    ['terminationGracePeriodSeconds*', ''],
  ],
  HTTPGetAction: [
    ['path', ''],
    ['port!', ''],
    ['host', ''],
    ['scheme', ''],
    ['httpHeaders', ''],
  ],
  Lifecycle: [
    ['postStart*', 'LifecycleHandler'],
    ['preStop*', 'LifecycleHandler'],
    ['stopSignal*', ''],
  ],
  LifecycleHandler: [
    ['exec*', ''],
    ['httpGet*', 'HTTPGetAction'],
    ['tcpSocket*', ''],
    ['sleep*', ''],
  ],
  SecurityContext: [
    ['capabilities*', 'Capabilities'],
    ['privileged*', ''],
    ['seLinuxOptions*', ''],
    ['windowsOptions*', ''],
    ['runAsUser*', ''],
    ['runAsGroup*', ''],
    ['runAsNonRoot*', ''],
    ['readOnlyRootFilesystem*', ''],
    ['allowPrivilegeEscalation*', ''],
    ['procMount*', ''],
    ['seccompProfile*', ''],
    ['appArmorProfile*', ''],
  ],
  Capabilities: [
    ['add', ''],
    ['drop', ''],
  ],
};

function isZero(v: unknown): boolean {
  return (
    v === undefined ||
    v === null ||
    v === '' ||
    v === 0 ||
    v === false ||
    (Array.isArray(v) && !v.length) ||
    (isObj(v) && !Object.keys(v).length)
  );
}

export function goTyped(v: unknown, type: string): unknown {
  if (type === 'Quantities') {
    return isObj(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, canonicalQuantity(v[k]) ?? v[k]]),
        )
      : v;
  }
  const fields = TYPES[type];
  if (!fields) return v;
  if (Array.isArray(v)) return v.map((x) => goTyped(x, type));
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const [spec, child] of fields) {
    const name = spec.replace(/[!*]$/, '');
    const required = spec.endsWith('!');
    const pointer = spec.endsWith('*');
    let x = v[name];
    if (x === undefined || x === null) {
      if (required && type === 'Container' && name === 'resources') out[name] = {};
      else if (required) out[name] = typeof x === 'number' ? 0 : '';
      continue;
    }
    if (child) x = goTyped(x, child);
    if (!required && !pointer && isZero(x)) continue;
    out[name] = x;
  }
  return out;
}

export function goContainerJson(v: unknown): string {
  return goJson(goTyped(v, 'Container'));
}
