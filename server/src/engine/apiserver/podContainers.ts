// Containers (pkg/apis/core/validation/validation.go): validateContainers / validateInitContainers /
// validateContainerCommon, validateContainerPorts, host ports (AccumulateUniqueHostPorts, hostNetwork),
// restart policies (native sidecars).
import { isDNS1123Label, isValidPortName, isValidPortNum } from './names';
import type { V } from './value';
import { enumValues, sortedEnumValues } from './enums';
import { type PodContext, toDNSLabel, uniqueNameFix } from './podContext';
import { validateEnv, validateEnvFrom } from './podEnv';
import { validateVolumeMounts } from './podVolumes';
import { validateLifecycle, validateProbe } from './podProbes';
import { validateResources } from './podResources';
import { validateSecurityContext } from './podSecurityContext';

export const PROTOCOLS = sortedEnumValues('Protocol');
const PULL_POLICIES = sortedEnumValues('PullPolicy');
export const RESTART_POLICIES = enumValues('RestartPolicy');

/** A check of one container list: the volumes it may mount, the names taken so far, and the pod spec. */
type ContainerListCheck = (c: PodContext, list: V, volumes: Set<string>, names: Set<string>, spec: V) => void;

export const validateContainers: ContainerListCheck = (c, list, volumes, names, spec) => {
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
};

export const validateInitContainers: ContainerListCheck = (c, list, volumes, names, spec) => {
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
};

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
export function hostPortConflicts(c: PodContext, list: V, only?: V): void {
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

export function validateHostNetwork(c: PodContext, spec: V): void {
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
