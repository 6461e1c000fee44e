// Pod specs (pkg/apis/core/validation/validation.go): ValidatePodTemplateSpec, ValidatePodSpec,
// validateContainers / validateInitContainers / validateContainerCommon, validateContainerPorts,
// ValidateEnv, ValidateEnvFrom, ValidateVolumes, ValidateVolumeMounts, probes and lifecycle
// handlers, resource requirements, restart policies (native sidecars), tolerations.
import { canonicalQuantity } from '../util/quantity';
import type { ErrorList } from './field';
import type { Features } from './features';
import { validateAnnotations, validateLabels } from './meta';
import {
  isConfigMapKey,
  isDNS1123Label,
  isDNS1123Subdomain,
  isEnvVarName,
  isQualifiedName,
  isRelaxedEnvVarName,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
  inclusiveRangeError,
} from './names';
import { compareQuantity, quantityValue } from './quantity';
import type { V } from './value';
import { enumValues, sortedEnumValues } from './enums';

export const PROTOCOLS = sortedEnumValues('Protocol');
const PULL_POLICIES = sortedEnumValues('PullPolicy');
const RESTART_POLICIES = enumValues('RestartPolicy');
const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';
const NON_NEGATIVE = 'must be greater than or equal to 0';

/** Volume sources in the order validateVolumeSource counts them. */
const VOLUME_SOURCES = [
  'emptyDir',
  'hostPath',
  'gitRepo',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'flocker',
  'persistentVolumeClaim',
  'rbd',
  'quobyte',
  'cephfs',
  'cinder',
  'flexVolume',
  'downwardAPI',
  'fc',
  'azureFile',
  'vsphereVolume',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'projected',
  'csi',
  'configMap',
  'ephemeral',
  'image',
];

const HOST_PATH_TYPES = [
  '',
  'BlockDevice',
  'CharDevice',
  'Directory',
  'DirectoryOrCreate',
  'File',
  'FileOrCreate',
  'Socket',
];

export interface PodContext {
  errs: ErrorList;
  features: Features;
}

/** ValidatePodTemplateSpec: labels and annotations under the template path, then the spec. */
export function validatePodTemplateSpec(c: PodContext, template: V): void {
  const meta = template.child('metadata');
  validateLabels(c.errs, meta.child('labels').as(`${template.path}.labels`));
  validateAnnotations(c.errs, meta.child('annotations').as(`${template.path}.annotations`));
  const spec = template.child('spec');
  if (spec.isMap) validatePodSpec(c, spec);
  const eph = spec.child('ephemeralContainers');
  if (eph.items().length) c.errs.forbidden(eph, 'ephemeral containers not allowed in pod template');
}

/** ValidatePodSpec. */
export function validatePodSpec(c: PodContext, spec: V): void {
  const { errs } = c;
  const volumes = validateVolumes(c, spec.child('volumes'));
  const names = new Set<string>();
  validateContainers(c, spec.child('containers'), volumes, names, spec);
  validateInitContainers(c, spec.child('initContainers'), volumes, names, spec);
  hostPortConflicts(c, spec.child('containers'));

  const rp = spec.child('restartPolicy');
  const rpv = rp.str();
  if (rpv !== undefined && !RESTART_POLICIES.includes(rpv)) {
    if (rpv === '') errs.required(rp);
    else errs.notSupported(rp, rpv, RESTART_POLICIES);
  }
  const dns = spec.child('dnsPolicy');
  const dnsv = dns.str();
  const dnsValues = enumValues('DNSPolicy');
  if (dnsv !== undefined && dnsv !== '' && !dnsValues.includes(dnsv)) errs.notSupported(dns, dnsv, dnsValues);
  // ValidatePreemptionPolicy: its list is in declaration order.
  const pp = spec.child('preemptionPolicy');
  const ppv = pp.str();
  if (ppv !== undefined && !enumValues('PreemptionPolicy').includes(ppv)) {
    if (ppv === '') errs.required(pp);
    else errs.notSupported(pp, ppv, enumValues('PreemptionPolicy'));
  }
  if (dnsv === 'None' && !spec.child('dnsConfig').exists)
    errs.required(spec.child('dnsConfig'), 'must provide `dnsConfig` when `dnsPolicy` is None');

  validateLabels(errs, spec.child('nodeSelector'));
  for (const f of ['serviceAccountName', 'nodeName', 'priorityClassName']) {
    const v = spec.child(f);
    const s = v.str();
    if (s) errs.invalidAll(v, s, isDNS1123Subdomain(s));
  }
  for (const f of ['hostname', 'subdomain']) {
    const v = spec.child(f);
    const s = v.str();
    if (s) errs.invalidAll(v, s, isDNS1123Label(s));
  }
  const ads = spec.child('activeDeadlineSeconds');
  const adsv = ads.int();
  if (adsv !== undefined && (adsv < 1 || adsv > 2147483647))
    errs.invalid(ads, adsv, inclusiveRangeError(1, 2147483647));
  validateTolerations(c, spec.child('tolerations'));
  validatePodSecurityContext(c, spec.child('securityContext'));
  validateTopologySpread(c, spec.child('topologySpreadConstraints'));
  if (spec.child('hostNetwork').bool()) validateHostNetwork(c, spec);
}

// --- containers ---------------------------------------------------------------------------

function validateContainers(c: PodContext, list: V, volumes: Set<string>, names: Set<string>, spec: V): void {
  const items = list.items();
  if (list.exists && list.isSeq && items.length === 0) c.errs.required(list);
  for (const ctr of items) {
    validateContainerCommon(c, ctr, volumes, spec);
    const name = ctr.child('name');
    const n = name.s();
    if (names.has(n)) c.errs.duplicate(name, n, uniqueNameFix(n, names));
    else names.add(n);
    validateLifecycle(c, ctr.child('lifecycle'));
    validateProbe(c, ctr.child('livenessProbe'), true);
    validateProbe(c, ctr.child('readinessProbe'), false);
    validateProbe(c, ctr.child('startupProbe'), true);
    const rp = ctr.child('restartPolicy');
    const rpv = rp.str();
    if (rp.exists) {
      // ContainerRestartRules (beta, on in 1.35) lets regular containers set their own policy.
      if (!c.features.enabled('ContainerRestartRules'))
        c.errs.forbidden(rp, 'may not be set for non-init containers');
      else if (rpv !== undefined && !RESTART_POLICIES.includes(rpv))
        c.errs.notSupported(rp, rpv, RESTART_POLICIES);
    }
  }
}

function validateInitContainers(
  c: PodContext,
  list: V,
  volumes: Set<string>,
  names: Set<string>,
  spec: V,
): void {
  for (const ctr of list.items()) {
    validateContainerCommon(c, ctr, volumes, spec);
    let restartAlways = false;
    const rp = ctr.child('restartPolicy');
    const rpv = rp.str();
    // Without SidecarContainers (before 1.29) the API server drops the field instead.
    if (rpv !== undefined && c.features.enabled('SidecarContainers')) {
      const allowed = c.features.enabled('ContainerRestartRules') ? RESTART_POLICIES : ['Always'];
      if (!allowed.includes(rpv)) c.errs.notSupported(rp, rpv, allowed);
      restartAlways = rpv === 'Always';
    }
    const name = ctr.child('name');
    const n = name.s();
    if (names.has(n)) c.errs.duplicate(name, n, uniqueNameFix(n, names));
    else if (n) names.add(n);
    hostPortConflicts(c, list, ctr);
    if (restartAlways) {
      validateLifecycle(c, ctr.child('lifecycle'));
      validateProbe(c, ctr.child('livenessProbe'), true);
      validateProbe(c, ctr.child('readinessProbe'), false);
      validateProbe(c, ctr.child('startupProbe'), true);
    } else {
      for (const f of ['lifecycle', 'livenessProbe', 'readinessProbe', 'startupProbe']) {
        const v = ctr.child(f);
        if (v.exists) c.errs.forbidden(v, 'may not be set for init containers without restartPolicy=Always');
      }
    }
  }
}

/** A name not yet taken: `web` → `web-2`. */
function uniqueNameFix(n: string, taken: Set<string>): { replacements: string[] } | undefined {
  if (!n) return undefined;
  for (let i = 2; i < 100; i++) if (!taken.has(`${n}-${i}`)) return { replacements: [`${n}-${i}`] };
  return undefined;
}

/** Lower-cased, invalid characters as '-': the certain fix of a DNS-1123 label. */
export function toDNSLabel(n: string): string | undefined {
  const s = n
    .toLowerCase()
    .replace(/[^-a-z0-9]/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return s && s !== n && !isDNS1123Label(s).length ? s : undefined;
}

function validateContainerCommon(c: PodContext, ctr: V, volumes: Set<string>, spec: V): void {
  const { errs } = c;
  const name = ctr.child('name');
  const n = name.str();
  if (n === '') errs.required(name);
  else if (n !== undefined) {
    const fix = toDNSLabel(n);
    for (const m of isDNS1123Label(n)) errs.invalid(name, n, m, fix ? { replacements: [fix] } : undefined);
  }
  const image = ctr.child('image');
  if (!image.exists || image.str() === '') errs.required(image);
  const tmp = ctr.child('terminationMessagePolicy');
  const tmpv = tmp.str();
  if (tmpv !== undefined && tmpv !== 'File' && tmpv !== 'FallbackToLogsOnError') {
    if (tmpv === '') errs.required(tmp, "must be 'File' or 'FallbackToLogsOnError'");
    else errs.notSupported(tmp, tmpv, ['File', 'FallbackToLogsOnError']);
  }
  validateContainerPorts(c, ctr.child('ports'));
  validateEnv(c, ctr.child('env'));
  validateEnvFrom(c, ctr.child('envFrom'));
  validateVolumeMounts(c, ctr.child('volumeMounts'), volumes);
  const pp = ctr.child('imagePullPolicy');
  const ppv = pp.str();
  if (ppv !== undefined && !PULL_POLICIES.includes(ppv)) {
    if (ppv === '') errs.required(pp);
    else errs.notSupported(pp, ppv, PULL_POLICIES);
  }
  validateResources(c, ctr.child('resources'));
  validateSecurityContext(c, ctr.child('securityContext'));
  void spec;
}

const ID_RANGE = inclusiveRangeError(0, 2147483647);

/** ValidateSecurityContext (containers); the pod-level fields share the ID and seccomp checks. */
function validateSecurityContext(c: PodContext, sc: V): void {
  if (!sc.isMap) return;
  validateIDs(c, sc, ['runAsUser', 'runAsGroup']);
  const pm = sc.child('procMount');
  const pmv = pm.str();
  if (pmv !== undefined && pmv !== 'Default' && pmv !== 'Unmasked')
    c.errs.notSupported(pm, pmv, ['Default', 'Unmasked']);
  validateSeccomp(c, sc.child('seccompProfile'));
  if (sc.child('allowPrivilegeEscalation').bool() === false) {
    if (sc.child('privileged').bool() === true)
      c.errs.invalid(
        sc,
        sc.json(),
        'cannot set `allowPrivilegeEscalation` to false and `privileged` to true',
      );
    for (const cap of sc.at('capabilities', 'add').items())
      if (cap.str() === 'CAP_SYS_ADMIN')
        c.errs.invalid(
          sc,
          sc.json(),
          'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN',
        );
  }
}

function validateIDs(c: PodContext, sc: V, fields: readonly string[]): void {
  for (const f of fields) {
    const v = sc.child(f);
    const n = v.int();
    if (n !== undefined && (n < 0 || n > 2147483647)) c.errs.invalid(v, n, ID_RANGE);
  }
}

function validateSeccomp(c: PodContext, sp: V): void {
  if (!sp.isMap) return;
  const type = sp.child('type');
  const t = type.s();
  const lp = sp.child('localhostProfile');
  const types = ['Localhost', 'RuntimeDefault', 'Unconfined'];
  if (t === '') c.errs.required(type, 'type is required when seccompProfile is set');
  else if (!types.includes(t)) c.errs.notSupported(type, t, types);
  if (t === 'Localhost' && !lp.s()) c.errs.required(lp, 'must be set when seccomp type is Localhost');
  if (t !== 'Localhost' && lp.exists)
    c.errs.invalid(lp, lp.s(), 'can only be set when seccomp type is Localhost');
}

/** ValidatePodSecurityContext: IDs, seccomp, fsGroupChangePolicy. */
function validatePodSecurityContext(c: PodContext, sc: V): void {
  if (!sc.isMap) return;
  validateIDs(c, sc, ['runAsUser', 'runAsGroup', 'fsGroup']);
  for (const g of sc.child('supplementalGroups').items()) {
    const n = g.int();
    if (n !== undefined && (n < 0 || n > 2147483647)) c.errs.invalid(g, n, ID_RANGE);
  }
  validateSeccomp(c, sc.child('seccompProfile'));
  const p = sc.child('fsGroupChangePolicy');
  const pv = p.str();
  if (pv !== undefined && pv !== 'OnRootMismatch' && pv !== 'Always')
    c.errs.notSupported(p, pv, ['OnRootMismatch', 'Always']);
}

function validateContainerPorts(c: PodContext, ports: V): void {
  const names = new Set<string>();
  for (const port of ports.items()) {
    const name = port.child('name');
    const n = name.str();
    if (n) {
      const msgs = isValidPortName(n);
      if (msgs.length) errs(c).invalidAll(name, n, msgs);
      else if (names.has(n)) c.errs.duplicate(name, n, uniqueNameFix(n, names));
      else names.add(n);
    }
    const cp = port.child('containerPort');
    const cpv = cp.int();
    if (cpv === 0) c.errs.required(cp);
    else if (cpv !== undefined) c.errs.invalidAll(cp, cpv, isValidPortNum(cpv));
    const hp = port.child('hostPort');
    const hpv = hp.int();
    if (hpv) c.errs.invalidAll(hp, hpv, isValidPortNum(hpv));
    const proto = port.child('protocol');
    const pv = proto.str();
    if (pv === '') c.errs.required(proto);
    else if (pv !== undefined && !PROTOCOLS.includes(pv)) c.errs.notSupported(proto, pv, PROTOCOLS);
  }
}

const errs = (c: PodContext) => c.errs;

/** AccumulateUniqueHostPorts over one container (init containers) or all of a list. */
function hostPortConflicts(c: PodContext, list: V, only?: V): void {
  const seen = new Set<string>();
  for (const ctr of only ? [only] : list.items()) {
    for (const port of ctr.child('ports').items()) {
      const hp = port.child('hostPort');
      const hpv = hp.int();
      if (!hpv) continue;
      const key = `${port.child('protocol').str() ?? 'TCP'}/${port.child('hostIP').s()}/${hpv}`;
      if (seen.has(key)) c.errs.duplicate(hp, key);
      else seen.add(key);
    }
  }
}

function validateHostNetwork(c: PodContext, spec: V): void {
  for (const list of ['containers', 'initContainers'])
    for (const ctr of spec.child(list).items())
      for (const port of ctr.child('ports').items()) {
        const hp = port.child('hostPort');
        const hpv = hp.int();
        // Defaulting copies containerPort into an unset hostPort.
        if (hpv && hpv !== port.child('containerPort').int())
          c.errs.invalid(hp, hpv, 'must match `containerPort` when `hostNetwork` is true');
      }
}

// --- env ------------------------------------------------------------------------------------

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

function validateEnv(c: PodContext, env: V): void {
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

function validateEnvFrom(c: PodContext, envFrom: V): void {
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
    if (sources === 0) c.errs.invalid(envFrom, '', 'must specify one of: `configMapRef` or `secretRef`');
    else if (sources > 1) c.errs.invalid(envFrom, '', 'may not have more than one field specified at a time');
  }
}

// --- volumes --------------------------------------------------------------------------------

/** ValidateVolumes; returns the names a volumeMount may refer to (volumes without errors). */
function validateVolumes(c: PodContext, volumes: V): Set<string> {
  const ok = new Set<string>();
  const all = new Set<string>();
  for (const vol of volumes.items()) {
    const before = c.errs.errors.length;
    validateVolumeSource(c, vol);
    const name = vol.child('name');
    const n = name.s();
    if (!n) {
      if (name.exists) c.errs.required(name);
    } else {
      const fix = toDNSLabel(n);
      for (const m of isDNS1123Label(n))
        c.errs.invalid(name, n, m, fix ? { replacements: [fix] } : undefined);
    }
    if (all.has(n)) c.errs.duplicate(name, n, uniqueNameFix(n, all));
    all.add(n);
    if (c.errs.errors.length === before) ok.add(n);
  }
  return ok;
}

/**
 * Go's one-of-several members (a volume's source, a probe's handler): the first one set is checked,
 * each further one is forbidden. Returns whether any is set.
 */
function oneMember(
  c: PodContext,
  parent: V,
  members: readonly string[],
  what: string,
  check: (member: string, v: V) => void,
): boolean {
  let count = 0;
  for (const m of members) {
    const v = parent.child(m);
    if (!v.exists) continue;
    if (count++ > 0) c.errs.forbidden(v, `may not specify more than 1 ${what}`);
    else check(m, v);
  }
  return count > 0;
}

function validateVolumeSource(c: PodContext, vol: V): void {
  oneMember(c, vol, VOLUME_SOURCES, 'volume type', (s, src) => {
    switch (s) {
      case 'hostPath': {
        requireString(c, src.child('path'));
        const type = src.child('type');
        const t = type.str();
        if (t !== undefined && !HOST_PATH_TYPES.includes(t)) c.errs.notSupported(type, t, HOST_PATH_TYPES);
        break;
      }
      case 'secret':
        requireString(c, src.child('secretName'));
        validateProjection(c, src);
        break;
      case 'configMap':
        requireString(c, src.child('name'));
        validateProjection(c, src);
        break;
      case 'persistentVolumeClaim':
        requireString(c, src.child('claimName'));
        break;
      case 'nfs': {
        requireString(c, src.child('server'));
        const p = src.child('path');
        const pv = p.s();
        if (!pv) c.errs.required(p);
        else if (!pv.startsWith('/')) c.errs.invalid(p, pv, 'must be an absolute path');
        break;
      }
      case 'csi':
        requireString(c, src.child('driver'));
        break;
    }
  });
}

function requireString(c: PodContext, v: V): void {
  if (!v.s()) c.errs.required(v);
}

/** defaultMode and items (KeyToPath) of secret and configMap volumes. */
function validateProjection(c: PodContext, src: V): void {
  validateMode(c, src.child('defaultMode'));
  for (const item of src.child('items').items()) {
    const key = item.child('key');
    if (!key.s()) c.errs.required(key);
    const path = item.child('path');
    const p = path.s();
    if (!p) c.errs.required(path);
    else validateLocalNonReservedPath(c, path, p);
    validateMode(c, item.child('mode'));
  }
}

function validateMode(c: PodContext, v: V): void {
  const m = v.int();
  if (m !== undefined && (m < 0 || m > 0o777)) c.errs.invalid(v, m, FILE_MODE_ERROR);
}

function validateLocalDescendingPath(c: PodContext, at: V, p: string): void {
  if (p.startsWith('/')) c.errs.invalid(at, p, 'must be a relative path');
  if (p.split(/[\\/]/).includes('..')) c.errs.invalid(at, p, "must not contain '..'");
}

function validateLocalNonReservedPath(c: PodContext, at: V, p: string): void {
  validateLocalDescendingPath(c, at, p);
  if (p.startsWith('..')) c.errs.invalid(at, p, "must not start with '..'");
}

function validateVolumeMounts(c: PodContext, mounts: V, volumes: Set<string>): void {
  const points = new Set<string>();
  for (const m of mounts.items()) {
    const name = m.child('name');
    const n = name.str();
    if (n === undefined) continue;
    if (n === '') c.errs.required(name);
    if (!volumes.has(n)) c.errs.notFound(name, n);
    const mp = m.child('mountPath');
    const p = mp.str();
    if (p === undefined) continue;
    if (p === '') c.errs.required(mp);
    if (points.has(p)) c.errs.invalid(mp, p, 'must be unique');
    points.add(p);
    const sub = m.child('subPath');
    const sp = sub.str();
    if (sp) validateLocalDescendingPath(c, sub, sp);
  }
}

// --- probes and handlers --------------------------------------------------------------------

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];

function validateProbe(c: PodContext, probe: V, mustSucceedOnce: boolean): void {
  if (!probe.exists) return;
  validateHandler(c, probe, PROBE_HANDLERS);
  for (const f of [
    'initialDelaySeconds',
    'timeoutSeconds',
    'periodSeconds',
    'successThreshold',
    'failureThreshold',
  ]) {
    const v = probe.child(f);
    const n = v.int();
    if (n !== undefined && n < 0) c.errs.invalid(v, n, NON_NEGATIVE);
  }
  const st = probe.child('successThreshold');
  const stv = st.int();
  // Defaulting turns 0 into 1; liveness and startup probes allow nothing else.
  if (mustSucceedOnce && stv !== undefined && stv > 1) c.errs.invalid(st, stv, 'must be 1');
  const tgp = probe.child('terminationGracePeriodSeconds');
  const tgpv = tgp.int();
  if (tgpv !== undefined && tgpv <= 0) c.errs.invalid(tgp, tgpv, 'must be greater than 0');
}

function validateLifecycle(c: PodContext, lc: V): void {
  if (!lc.exists) return;
  for (const f of ['postStart', 'preStop']) {
    const h = lc.child(f);
    if (h.exists) validateHandler(c, h, LIFECYCLE_HANDLERS);
  }
}

function validateHandler(c: PodContext, h: V, kinds: readonly string[]): void {
  const set = oneMember(c, h, kinds, 'handler type', (k, v) => {
    if (k === 'exec') {
      const cmd = v.child('command');
      if (!cmd.items().length) c.errs.required(cmd);
    } else if (k === 'httpGet' || k === 'tcpSocket') {
      validatePortNumOrName(c, v.child('port'));
      if (k === 'httpGet') {
        const scheme = v.child('scheme');
        const s = scheme.str();
        if (s && s !== 'HTTP' && s !== 'HTTPS') c.errs.notSupported(scheme, s, ['HTTP', 'HTTPS']);
      }
    } else if (k === 'grpc') {
      const port = v.child('port');
      const p = port.int();
      if (p !== undefined) c.errs.invalidAll(port, p, isValidPortNum(p));
    }
  });
  if (!set) c.errs.required(h, 'must specify a handler type');
}

/** ValidatePortNumOrName (an IntOrString port). */
export function validatePortNumOrName(c: { errs: ErrorList }, port: V): void {
  const n = port.int();
  if (n !== undefined) c.errs.invalidAll(port, n, isValidPortNum(n));
  const s = port.str();
  if (s !== undefined) c.errs.invalidAll(port, s, isValidPortName(s));
}

// --- resources ------------------------------------------------------------------------------

const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

function validateResources(c: PodContext, res: V): void {
  const limits = res.child('limits');
  const requests = res.child('requests');
  const lim = new Map<string, V>(limits.entries().map((e) => [e.key, e.value]));
  for (const [group, path] of [
    [limits, limits],
    [requests, requests],
  ] as const) {
    for (const { key, value } of group.entries()) {
      const at = path.keyed(key, undefined, value.keyNode);
      validateResourceName(c, at, key);
      const q = quantityValue(value.scalar());
      if (q && q.num < 0n)
        c.errs.invalid(
          path.keyed(key, value.node),
          canonicalQuantity(value.scalar()) ?? String(value.scalar()),
          NON_NEGATIVE,
        );
    }
  }
  for (const { key, value } of requests.entries()) {
    const q = quantityValue(value.scalar());
    const overcommit = isNativeResource(key) && !key.startsWith('hugepages-');
    const lv = lim.get(key);
    if (!lv) {
      if (!overcommit) c.errs.required(limits, 'Limit must be set for non overcommitable resources');
      continue;
    }
    const l = quantityValue(lv.scalar());
    if (!q || !l) continue;
    const shown = canonicalQuantity(value.scalar()) ?? String(value.scalar());
    const limitShown = canonicalQuantity(lv.scalar()) ?? String(lv.scalar());
    const cmp = compareQuantity(q, l);
    const at = requests.pointAt(value.node);
    if (cmp !== 0 && !overcommit) c.errs.invalid(at, shown, `must be equal to ${key} limit of ${limitShown}`);
    else if (cmp > 0)
      c.errs.invalid(at, shown, `must be less than or equal to ${key} limit of ${limitShown}`);
  }
}

/** validateContainerResourceName. */
function validateResourceName(c: PodContext, at: V, name: string): void {
  const msgs = isQualifiedName(name);
  if (msgs.length) {
    c.errs.invalidAll(at, name, msgs);
    return;
  }
  // Names without a domain, and kubernetes.io ones, must be standard; others are extended resources.
  if (isNativeResource(name) && !STANDARD_CONTAINER_RESOURCES.has(name) && !name.startsWith('hugepages-'))
    c.errs.invalid(at, name, 'must be a standard resource for containers');
}

// --- scheduling -----------------------------------------------------------------------------

function validateTolerations(c: PodContext, tolerations: V): void {
  for (const t of tolerations.items()) {
    const key = t.child('key');
    const k = key.s();
    if (k) c.errs.invalidAll(key, k, isQualifiedName(k));
    const op = t.child('operator');
    const o = op.s();
    if (!k && o !== 'Exists')
      c.errs.invalid(
        op,
        o,
        'operator must be Exists when `key` is empty, which means "match all values and all keys"',
      );
    const effect = t.child('effect');
    const e = effect.s();
    if (t.child('tolerationSeconds').exists && e !== 'NoExecute')
      c.errs.invalid(effect, e, "effect must be 'NoExecute' when `tolerationSeconds` is set");
    const value = t.child('value');
    switch (o) {
      case '':
      case 'Equal':
        c.errs.invalidAll(value, value.s(), isValidLabelValue(value.s()));
        break;
      case 'Exists':
        if (value.s()) c.errs.invalid(op, t.json(), "value must be empty when `operator` is 'Exists'");
        break;
      default:
        c.errs.notSupported(op, o, sortedEnumValues('TolerationOperator'));
    }
    if (e && !enumValues('TaintEffect').includes(e))
      c.errs.notSupported(effect, e, enumValues('TaintEffect'));
  }
}

function validateTopologySpread(c: PodContext, list: V): void {
  for (const t of list.items()) {
    const skew = t.child('maxSkew');
    const s = skew.int();
    if (s !== undefined && s <= 0) c.errs.invalid(skew, s, 'must be greater than zero');
    const key = t.child('topologyKey');
    if (key.exists && !key.s()) c.errs.required(key, 'can not be empty');
    const wu = t.child('whenUnsatisfiable');
    const w = wu.str();
    const actions = enumValues('UnsatisfiableConstraintAction');
    if (w !== undefined && !actions.includes(w)) c.errs.notSupported(wu, w, actions);
  }
}
