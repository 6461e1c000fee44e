// destinationrule.CaCertificateAnalyzer: TLS mode SIMPLE or MUTUAL without caCertificates leaves the
// server certificate unverified (unless a credentialName serves it on a workload-selected rule).
import type { Analyzer, AnalysisContext, WorkspaceResource } from '../analysis/analyzer';
import { NETWORKING, fullName } from '../analysis/istio';
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
    for (const r of ctx.resources('DestinationRule', NETWORKING)) analyzeRule(ctx, r);
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

function analyzeRule(ctx: AnalysisContext, r: WorkspaceResource): void {
  const spec = obj(r.value.spec);
  const host = str(spec.host);
  const hasSelector = spec.workloadSelector !== undefined && spec.workloadSelector !== null;
  const policy = obj(spec.trafficPolicy);
  const tls = obj(policy.tls);
  if (unverified(tls, hasSelector)) {
    ctx.report(
      'IST0128',
      r,
      [fullName(r), r.ns, str(tls.mode), host],
      ['spec', 'trafficPolicy', 'tls', 'mode'],
    );
  }
  arr(policy.portLevelSettings).forEach((p, i) => {
    const ptls = obj(obj(p).tls);
    if (!unverified(ptls, hasSelector)) return;
    ctx.report(
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
