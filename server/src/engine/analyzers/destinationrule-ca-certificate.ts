// destinationrule.CaCertificateAnalyzer: TLS mode SIMPLE or MUTUAL without caCertificates leaves the
// server certificate unverified (unless a credentialName serves it on a workload-selected rule).
//
// Difference from istioctl (deliberate): since Istio 1.20, VERIFY_CERTIFICATE_AT_CLIENT defaults to
// true and the proxy verifies such a server against the OS CA bundle, so the message ("no
// caCertificates are set to validate server identity") no longer describes what happens. For Istio
// 1.20 and later (istioLens.istioVersion) the finding is information, with that reason; it stays at
// Istio's level for older releases and when the rule sets insecureSkipVerify.
import type { Analyzer, AnalysisContext, WorkspaceResource } from '../analysis/analyzer';
import { NETWORKING, everyDefinition, fullName } from '../analysis/istio';
import { arr, num, obj, str, type Obj } from '../util/json';

export const caCertificateAnalyzer: Analyzer = {
  meta: {
    name: 'destinationrule.CaCertificateAnalyzer',
    description: 'Checks if caCertificates is set when TLS mode is SIMPLE/MUTUAL',
    codes: ['IST0128', 'IST0129'],
    inputs: ['DestinationRule'],
    inAll: true,
  },
  analyze(ctx) {
    for (const r of everyDefinition(ctx, 'DestinationRule', NETWORKING)) analyzeRule(ctx, r);
  },
};

const verifies = (mode: string): boolean => mode === 'SIMPLE' || mode === 'MUTUAL';

function unverified(tls: Obj, hasWorkloadSelector: boolean): boolean {
  return (
    verifies(str(tls.mode)) &&
    str(tls.caCertificates) === '' &&
    !(str(tls.credentialName) !== '' && hasWorkloadSelector)
  );
}

const OS_BUNDLE =
  'Istio 1.20 and later verify it against the OS CA bundle (VERIFY_CERTIFICATE_AT_CLIENT); set caCertificates to pin a CA';

/** Reports at Istio's level, or as information where the proxy verifies with the OS bundle anyway. */
function reportUnverified(
  ctx: AnalysisContext,
  tls: Obj,
  ...[code, r, args, at]: Parameters<AnalysisContext['report']>
): void {
  if (verifiesWithOsBundle(ctx.istioVersion) && tls.insecureSkipVerify !== true)
    ctx.reportAsInformation(OS_BUNDLE, code, r, args, at);
  else ctx.report(code, r, args, at);
}

function verifiesWithOsBundle(istioVersion: string): boolean {
  const [major, minor] = istioVersion.split('.').map(Number);
  return major > 1 || (major === 1 && minor >= 20);
}

function analyzeRule(ctx: AnalysisContext, r: WorkspaceResource): void {
  const spec = obj(r.value.spec);
  const host = str(spec.host);
  const hasSelector = spec.workloadSelector !== undefined && spec.workloadSelector !== null;
  const policy = obj(spec.trafficPolicy);
  const tls = obj(policy.tls);
  if (unverified(tls, hasSelector)) {
    reportUnverified(
      ctx,
      tls,
      'IST0128',
      r,
      [fullName(r), r.ns, str(tls.mode), host],
      ['spec', 'trafficPolicy', 'tls', 'mode'],
    );
  }
  arr(policy.portLevelSettings).forEach((p, i) => {
    const ptls = obj(obj(p).tls);
    if (!unverified(ptls, hasSelector)) return;
    reportUnverified(
      ctx,
      ptls,
      'IST0129',
      r,
      [fullName(r), r.ns, str(ptls.mode), host, portSelectorText(obj(p).port)],
      ['spec', 'trafficPolicy', 'portLevelSettings', i, 'tls', 'mode'],
    );
  });
}

/** The PortSelector as Go's proto String() prints it (`number:443`). */
function portSelectorText(port: unknown): string {
  const n = num(obj(port).number);
  return n === undefined || n === 0 ? '' : `number:${n}`;
}
