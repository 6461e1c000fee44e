// gateway.SecretAnalyzer: a Gateway server's credentialName names a Secret in the namespace of the
// gateway workload (not of the Gateway resource), holding a currently valid certificate.
// Difference from istioctl: a Secret a controller writes from an object of the workspace (a cert-manager
// Certificate's `secretName`, an ExternalSecret's target, a SealedSecret) is not missing with the whole
// cluster either; istioctl reads only Secrets and reports IST0101.
// Without the whole cluster a missing Secret proves nothing (kubectl create secret, vaults), but for a
// credentialName one slip from a Secret the workspace makes in that namespace (a manifest's, or one a
// controller writes) that no gateway uses: the certificate made for this server, misspelt
// (misspeltCredential).
// A Secret whose certificate or key is written as a placeholder (a SOPS `ENC[...]` ciphertext Flux or
// ksops decrypts, a `${TLS_CRT}` a postBuild or envsubst fills in, `<base64-cert>`) holds what replaces it
// before apply: unknown, not invalid, so no IST0161.
import type { AnalysisContext, Analyzer, WorkspaceResource } from '../analysis/analyzer';
import { NETWORKING, shortOrFullName } from '../analysis/istio';
import { selectorString } from '../analysis/labels';
import { arr, obj, str } from '../util/json';
import { certificateValidity, decodeBase64, pemCertificates } from '../analysis/x509';
import { gatewaySelector, selectedPods, selectorPath } from './gateway-util';
import { nearMissName } from '../analysis/nearMiss';
import { isPlaceholder } from '../util/placeholder';

/** Objects whose controller writes a Secret of their namespace, and the Secret's name. */
const SECRET_WRITERS: readonly {
  kind: string;
  group: string;
  secretName: (r: WorkspaceResource) => string;
}[] = [
  { kind: 'Certificate', group: 'cert-manager.io', secretName: (r) => str(obj(r.value.spec).secretName) },
  {
    kind: 'ExternalSecret',
    group: 'external-secrets.io',
    secretName: (r) => str(obj(obj(r.value.spec).target).name) || r.name,
  },
  { kind: 'SealedSecret', group: 'bitnami.com', secretName: (r) => r.name },
];

export const secretAnalyzer: Analyzer = {
  meta: {
    name: 'gateway.SecretAnalyzer',
    description: "Checks a gateway's referenced secrets for correctness",
    codes: ['IST0101', 'IST0161'],
    inputs: ['Gateway', 'Pod', 'Secret', ...SECRET_WRITERS.map((w) => w.kind)],
    inAll: true,
  },
  analyze(ctx) {
    ctx.eachSubject(ctx.resources('Gateway', NETWORKING), (gw) => {
      const selector = gatewaySelector(gw);
      const gwNs = selectedPods(ctx, selector)[0]?.ns;
      if (gwNs === undefined) {
        // Gateway workloads are usually installed apart from the config: only a complete view proves them
        // missing, and not where a GitOps object installs a chart (gitops.ts).
        if (ctx.assumeComplete && !ctx.releasedInto())
          ctx.report('IST0101', gw, ['selector', selectorString(selector)], selectorPath(selector));
        return;
      }
      arr(obj(gw.value.spec).servers).forEach((server, i) => {
        const cn = str(obj(obj(server).tls).credentialName);
        if (cn === '') return;
        const at = ['spec', 'servers', i, 'tls', 'credentialName'];
        const ref = shortOrFullName(gwNs, cn);
        const secret = ctx.find('Secret', ref.ns, ref.name, '');
        if (!secret) {
          // Secrets are rarely kept with the config (cert-manager, vaults): a missing one proves nothing in a
          // partial view, unless it misses by a slip one made for a gateway.
          if (
            ctx.assumeComplete
              ? !writtenByController(ctx, ref.ns, ref.name)
              : misspeltCredential(ctx, ref.ns, ref.name)
          )
            ctx.report('IST0101', gw, ['credentialName', cn], at);
          return;
        }
        if (!isValidSecret(secret) && !filledBeforeApply(secret))
          ctx.report('IST0161', gw, [gw.name, gwNs], at);
      });
    });
  },
};

/**
 * `ns/name` is no Secret of the workspace (nor one a controller writes), but one slip from one of `ns` that
 * no Gateway server names (not a numbered sibling): that Secret was made for this server. One another
 * server uses serves another host, whose own Secret a script may make.
 */
function misspeltCredential(ctx: AnalysisContext, ns: string, name: string): boolean {
  if (writtenByController(ctx, ns, name)) return false;
  const made = [
    ...ctx.resourcesIn('Secret', ns, '').map((r) => r.name),
    ...SECRET_WRITERS.flatMap((w) => ctx.resourcesIn(w.kind, ns, w.group).map(w.secretName)),
  ];
  if (!nearMissName(name, made)) return false;
  const used = new Set(
    ctx
      .resources('Gateway', NETWORKING)
      .flatMap((g) => arr(obj(g.value.spec).servers).map((sv) => str(obj(obj(sv).tls).credentialName)))
      .map((cn) => cn.slice(cn.indexOf('/') + 1)),
  );
  return nearMissName(
    name,
    made.filter((c) => !used.has(c)),
  );
}

/** Whether an object of the workspace has a controller write the Secret `ns/name`. */
function writtenByController(ctx: AnalysisContext, ns: string, name: string): boolean {
  return SECRET_WRITERS.some((w) =>
    ctx.resourcesIn(w.kind, ns, w.group).some((r) => w.secretName(r) === name),
  );
}

/** The key pairs Istio reads a server certificate from (kube.ExtractCertInfo). */
const CERT_KEYS = ['cert', 'key', 'tls.crt', 'tls.key'];

/** Some certificate or key value of the Secret is a placeholder: no bare word is a certificate. */
const filledBeforeApply = (s: WorkspaceResource): boolean =>
  CERT_KEYS.some(
    (k) =>
      isPlaceholder(obj(s.value.data)[k], { wordsAllowed: false }) ||
      isPlaceholder(obj(s.value.stringData)[k], { wordsAllowed: false }),
  );

/** Secret bytes under `key`, from `data` (base64) or `stringData` (plain). */
function secretValue(s: WorkspaceResource, key: string): string | undefined {
  const data = obj(s.value.data)[key];
  if (typeof data === 'string' && data !== '') {
    const bytes = decodeBase64(data);
    return bytes ? new TextDecoder().decode(bytes) : undefined;
  }
  const plain = obj(s.value.stringData)[key];
  return typeof plain === 'string' && plain !== '' ? plain : undefined;
}

/** kube.ExtractCertInfo + xds.ValidateCertificate: cert/key or tls.crt/tls.key, a parseable certificate valid now. */
export function isValidSecret(s: WorkspaceResource, now = Date.now()): boolean {
  let cert: string | undefined;
  if (secretValue(s, 'cert') !== undefined && secretValue(s, 'key') !== undefined)
    cert = secretValue(s, 'cert');
  else if (secretValue(s, 'tls.crt') !== undefined && secretValue(s, 'tls.key') !== undefined)
    cert = secretValue(s, 'tls.crt');
  if (cert === undefined) return false;
  const blocks = pemCertificates(cert);
  if (blocks.length === 0) return false;
  const v = certificateValidity(blocks[0]);
  return !!v && now >= v.notBefore.getTime() && now <= v.notAfter.getTime();
}
