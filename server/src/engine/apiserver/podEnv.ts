// Container environment (pkg/apis/core/validation/validation.go): ValidateEnv (names, valueFrom and its
// downward-API field paths, resource fields, ConfigMap and Secret keys) and ValidateEnvFrom.
import {
  isConfigMapKey,
  isDNS1123Subdomain,
  isEnvVarName,
  isQualifiedName,
  isRelaxedEnvVarName,
} from './names';
import type { V } from './value';
import type { PodContext } from './podContext';

function envNameErrors(c: PodContext, name: string): string[] {
  return c.features.enabled('RelaxedEnvironmentVariableValidation')
    ? isRelaxedEnvVarName(name)
    : isEnvVarName(name);
}

const ENV_FIELD_PATHS = [
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'spec.nodeName',
  'spec.serviceAccountName',
  'status.hostIP',
  'status.hostIPs',
  'status.podIP',
  'status.podIPs',
];
/** ConvertDownwardAPIFieldLabel's supported v1 labels. */
const DOWNWARD_LABELS = new Set([
  ...ENV_FIELD_PATHS,
  'metadata.annotations',
  'metadata.labels',
  'spec.restartPolicy',
  'spec.schedulerName',
  'status.phase',
]);
const RESOURCE_FIELDS = [
  'limits.cpu',
  'limits.ephemeral-storage',
  'limits.memory',
  'requests.cpu',
  'requests.ephemeral-storage',
  'requests.memory',
];

export function validateEnv(c: PodContext, env: V): void {
  for (const ev of env.items()) {
    const name = ev.child('name');
    const n = name.str();
    if (n === undefined) continue;
    if (n === '') c.errs.required(name);
    c.errs.invalidAll(name, n, envNameErrors(c, n));
    const vf = ev.child('valueFrom');
    if (!vf.exists) continue;
    let sources = 0;
    const fr = vf.child('fieldRef');
    if (fr.exists) {
      sources++;
      validateFieldRef(c, fr);
    }
    const rfr = vf.child('resourceFieldRef');
    if (rfr.exists) {
      sources++;
      const r = rfr.child('resource');
      const rv = r.s();
      if (!rv) c.errs.required(r);
      else if (!RESOURCE_FIELDS.includes(rv) && !/^(limits|requests)\.hugepages-/.test(rv))
        c.errs.notSupported(r, rv, RESOURCE_FIELDS);
    }
    for (const f of ['configMapKeyRef', 'secretKeyRef']) {
      const ref = vf.child(f);
      if (!ref.exists) continue;
      sources++;
      const nm = ref.child('name');
      c.errs.invalidAll(nm, nm.s(), isDNS1123Subdomain(nm.s()));
      const key = ref.child('key');
      const k = key.s();
      if (!k) c.errs.required(key);
      else c.errs.invalidAll(key, k, isConfigMapKey(k));
    }
    if (vf.child('fileKeyRef').exists) sources++;
    if (sources === 0)
      c.errs.invalid(
        vf,
        '',
        'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
      );
    else if (ev.child('value').s() !== '')
      c.errs.invalid(vf, '', 'may not be specified when `value` is not empty');
    else if (sources > 1) c.errs.invalid(vf, '', 'may not have more than one field specified at a time');
  }
}

function validateFieldRef(c: PodContext, fr: V): void {
  const fp = fr.child('fieldPath');
  const p = fp.s();
  if (!p) {
    c.errs.required(fp);
    return;
  }
  const sub = /^(metadata\.(?:annotations|labels))\['(.*)'\]$/.exec(p);
  if (sub) {
    const key = sub[1] === 'metadata.annotations' ? sub[2].toLowerCase() : sub[2];
    c.errs.invalidAll(fr, key, isQualifiedName(key));
    return;
  }
  if (!DOWNWARD_LABELS.has(p)) {
    c.errs.invalid(fp, p, `error converting fieldPath: field label not supported: ${p}`);
    return;
  }
  if (!ENV_FIELD_PATHS.includes(p)) c.errs.notSupported(fp, p, ENV_FIELD_PATHS);
}

export function validateEnvFrom(c: PodContext, envFrom: V): void {
  for (const ev of envFrom.items()) {
    const prefix = ev.child('prefix');
    const pv = prefix.str();
    if (pv) c.errs.invalidAll(prefix, pv, envNameErrors(c, pv));
    let sources = 0;
    for (const f of ['configMapRef', 'secretRef']) {
      const ref = ev.child(f);
      if (!ref.exists) continue;
      sources++;
      const nm = ref.child('name');
      const n = nm.s();
      if (!n) c.errs.required(nm);
      else c.errs.invalidAll(nm, n, isDNS1123Subdomain(n));
    }
    // Reported at the list, as Kubernetes does, but about this item: an entry of misplaced keys
    // (`name`/`value` of an env var) lacks its source because of them, and unknown-field says so once.
    if (sources === 0)
      c.errs.invalidItem(envFrom, ev, '', 'must specify one of: `configMapRef` or `secretRef`');
    else if (sources > 1)
      c.errs.invalidItem(envFrom, ev, '', 'may not have more than one field specified at a time');
  }
}
