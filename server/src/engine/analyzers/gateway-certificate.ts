// gateway.CertificateAnalyzer: two Gateways on overlapping workloads serving the same certificate
// (same credentialName, or same certificate and key files) can 404 HTTP/2 connection reuse.
// Difference from istioctl (deliberate): the two must be applied together (one directory tree or kustomize
// rendering, analysis/applyUnits.ts), as for every conflict between two resources: the demos, chapters and
// environments of one repository that each put a Gateway with the tutorial's credential in istio-system,
// or a directory and the one that replaced it, are applied apart and never share a cluster.
// Nor do two files of a directory of tutorial steps or versions, applied a file at a time
// (analysis/stepDirectories.ts): nothing shows both in the cluster at once.
import type { Analyzer, AnalysisContext, WorkspaceResource } from '../analysis/analyzer';
import { NETWORKING } from '../analysis/istio';
import { arr, obj, str, type Obj } from '../util/json';
import { gatewaySelector } from './gateway-util';
import { presentTogether } from '../analysis/applyUnits';

export const certificateAnalyzer: Analyzer = {
  meta: {
    name: 'gateway.CertificateAnalyzer',
    description: 'Checks a gateway certificate',
    codes: ['IST0138'],
    inputs: ['Gateway'],
    inAll: true,
  },
  analyze(ctx) {
    ctx.eachSubject(ctx.resources('Gateway', NETWORKING), (gw) => analyzeDuplicateCertificate(ctx, gw));
  },
};

/** PILOT_SCOPE_GATEWAY_TO_NAMESPACE defaults to false: gateways in every namespace are compared. */
const SCOPE_GATEWAY_TO_NAMESPACE = false;

function analyzeDuplicateCertificate(ctx: AnalysisContext, current: WorkspaceResource): void {
  const currentSelector = gatewaySelector(current);
  const currentServers = arr(obj(current.value.spec).servers);
  const gateways = ctx.resources('Gateway', NETWORKING);
  // Only gateways sharing a certificate can report (and they alone read names): the others are skipped.
  for (const other of sharingCertificate(gateways, currentServers)) {
    if (SCOPE_GATEWAY_TO_NAMESPACE && other.ns !== current.ns) continue;
    if (Object.keys(currentSelector).length > 0 && !selectorSubset(currentSelector, gatewaySelector(other)))
      continue;
    if (!presentTogether(ctx, current, other)) continue;
    // The same gateway is skipped; names (namespaces) are compared only once a certificate is shared.
    let self: boolean | undefined;
    for (const cs of currentServers) {
      for (const s of arr(obj(other.value.spec).servers)) {
        const a = obj(cs).tls;
        const b = obj(s).tls;
        if (!a || !b || typeof a !== 'object' || typeof b !== 'object') continue;
        if (!sameCertificate(obj(a), obj(b))) continue;
        // Names are compared (and reported) only: trials then run only where an equality may change.
        self ??= ctx.identity(other) === ctx.identity(current);
        if (self) break;
        ctx.report('IST0138', current, [[ctx.identity(current), ctx.identity(other)]], ['metadata', 'name']);
      }
      if (self) break;
    }
  }
}

/**
 * The gateways of `gateways` (in their order) with a server whose certificate one of `servers` has
 * (sameCertificate is equality of certificateKey): an index per list, as every gateway asks.
 */
function sharingCertificate(gateways: readonly WorkspaceResource[], servers: unknown[]): WorkspaceResource[] {
  let index = certificateIndex.get(gateways);
  if (!index) {
    index = new Map();
    gateways.forEach((gw, i) => {
      for (const s of arr(obj(gw.value.spec).servers)) {
        const k = certificateKey(obj(s).tls);
        if (k === undefined) continue;
        const list = index!.get(k);
        if (!list) index!.set(k, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
    });
    certificateIndex.set(gateways, index);
  }
  const positions = new Set<number>();
  for (const s of servers) {
    const k = certificateKey(obj(s).tls);
    if (k !== undefined) for (const i of index.get(k) ?? []) positions.add(i);
  }
  return [...positions].sort((a, b) => a - b).map((i) => gateways[i]);
}
const certificateIndex = new WeakMap<readonly WorkspaceResource[], Map<string, number[]>>();

/** What sameCertificate compares of a server's `tls`: two servers share a certificate when their keys are equal. */
function certificateKey(tls: unknown): string | undefined {
  if (!tls || typeof tls !== 'object') return undefined;
  const t = obj(tls);
  const credential = str(t.credentialName);
  if (credential !== '') return JSON.stringify(['credential', credential]);
  const cert = str(t.serverCertificate);
  const key = str(t.privateKey);
  return cert !== '' && key !== '' ? JSON.stringify(['files', cert, key]) : undefined;
}

function sameCertificate(a: Obj, b: Obj): boolean {
  const ca = str(a.credentialName),
    cb = str(b.credentialName);
  if (ca !== '' && cb !== '') return ca === cb;
  if (ca === '' && cb === '') {
    const sa = str(a.serverCertificate),
      sb = str(b.serverCertificate);
    if (sa !== '' && sb !== '' && sa === sb) {
      const ka = str(a.privateKey),
        kb = str(b.privateKey);
      return ka !== '' && kb !== '' && ka === kb;
    }
  }
  return false;
}

/** Every key of x is in y with the same value. */
function selectorSubset(x: Record<string, string>, y: Record<string, string>): boolean {
  return Object.entries(x).every(([k, v]) => k in y && y[k] === v);
}
