// Probes and lifecycle handlers (pkg/apis/core/validation/validation.go): validateProbe, validateLifecycle,
// the handler each holds (exec, httpGet, tcpSocket, grpc, sleep), ValidatePortNumOrName.
import type { ErrorList } from './field';
import { isValidPortName, isValidPortNum } from './names';
import type { V } from './value';
import { NON_NEGATIVE, type PodContext, oneMember } from './podContext';

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];

export function validateProbe(c: PodContext, probe: V, mustSucceedOnce: boolean): void {
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

export function validateLifecycle(c: PodContext, lc: V): void {
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
