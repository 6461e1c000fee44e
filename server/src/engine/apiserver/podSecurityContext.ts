// Security contexts (pkg/apis/core/validation/validation.go): ValidateSecurityContext of a container and
// ValidatePodSecurityContext: user and group IDs, seccomp profiles, procMount, fsGroupChangePolicy.
import { inclusiveRangeError } from './names';
import type { V } from './value';
import type { PodContext } from './podContext';

const ID_RANGE = inclusiveRangeError(0, 2147483647);

/** ValidateSecurityContext (containers); the pod-level fields share the ID and seccomp checks. */
export function validateSecurityContext(c: PodContext, sc: V): void {
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
export function validatePodSecurityContext(c: PodContext, sc: V): void {
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
