// k8sgateway.CRDVersionAnalyzer (istio/istio pkg/config/analysis/analyzers/k8sgateway/crdversion.go):
// a Gateway API CRD whose bundle version is below what this Istio requires is ignored by istiod's
// CRD watcher, so its resources are silently never processed.
// Without a cluster: only CRD manifests in the workspace are checked (the installed CRDs are not).
import type { Analyzer } from '../analysis/analyzer';
import { withDedup } from './util/dedup-reporter';

const BUNDLE_VERSION = 'gateway.networking.k8s.io/bundle-version';

/** Minimum bundle versions per CRD name (istio/istio pkg/config/schema/gatewayapi, Istio 1.32). */
export const MINIMUM_CRD_VERSIONS: Readonly<Record<string, readonly [number, number, number]>> = {
  'grpcroutes.gateway.networking.k8s.io': [1, 1, 0],
  'backendtlspolicies.gateway.networking.k8s.io': [1, 4, 0],
  'tlsroutes.gateway.networking.k8s.io': [1, 5, 0],
};

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  pre: string;
  build: string;
}

/** Masterminds semver NewVersion (loose: optional `v`, minor and patch); null when invalid. */
export function parseSemver(s: string): SemVer | null {
  const m =
    /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/.exec(
      s,
    );
  if (!m) return null;
  const pre = m[4] ?? '';
  // Numeric prerelease identifiers must not have leading zeros.
  if (pre.split('.').some((p) => /^0\d+$/.test(p))) return null;
  return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0), pre, build: m[5] ?? '' };
}

export function semverString(v: SemVer): string {
  return `${v.major}.${v.minor}.${v.patch}${v.pre ? `-${v.pre}` : ''}${v.build ? `+${v.build}` : ''}`;
}

export const k8sGatewayCrdVersionAnalyzer: Analyzer = {
  meta: {
    name: 'k8sgateway.CRDVersionAnalyzer',
    description: 'Checks Gateway API CRDs are at the minimum version required by this Istio version',
    codes: ['IST0176'],
    inputs: ['CustomResourceDefinition'],
    inAll: true,
  },
  analyze(rawCtx) {
    const ctx = withDedup(rawCtx);
    for (const crd of ctx.resources('CustomResourceDefinition', 'apiextensions.k8s.io')) {
      const min = MINIMUM_CRD_VERSIONS[crd.name];
      if (!min) continue;
      const raw = crd.annotations[BUNDLE_VERSION];
      if (raw === undefined) continue;
      const installed = parseSemver(raw);
      if (!installed) continue;
      const [a, b, c] = [installed.major - min[0], installed.minor - min[1], installed.patch - min[2]];
      const below = a !== 0 ? a < 0 : b !== 0 ? b < 0 : c < 0; // prerelease stripped, as Istio does
      if (below) {
        ctx.report(
          'IST0176',
          crd,
          [crd.name, semverString(installed), min.join('.')],
          ['metadata', 'annotations', BUNDLE_VERSION],
        );
      }
    }
  },
};
