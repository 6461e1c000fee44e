// validateTLSOptions (ServerTLSSettings of Gateway servers and Sidecar ingress) and Istio's cipher
// suite list (pkg/config/security).
import { obj } from '../util/json';
import { type Check, type Path, list, s } from './check';

const CIPHER_SUITES = new Set([
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
  'ECDHE-ECDSA-AES128-SHA',
  'ECDHE-RSA-AES128-SHA',
  'ECDHE-ECDSA-AES256-SHA',
  'ECDHE-RSA-AES256-SHA',
  'AES128-GCM-SHA256',
  'AES256-GCM-SHA384',
  'AES128-SHA',
  'AES256-SHA',
  'DES-CBC3-SHA',
]);

/** security.IsValidCipherSuite: a known suite, or an OpenSSL expression (`-X`, `+X`, `ALL`). */
export function isValidCipherSuite(cs: string): boolean {
  if (cs === '' || cs === 'ALL') return true;
  if (!/^[\p{L}\p{N}]/u.test(cs)) return true;
  return CIPHER_SUITES.has(cs);
}

/** The TLS mode, PASSTHROUGH when unset (the enum's zero value). */
export const serverTLSMode = (tls: Record<string, unknown>): string => s(tls.mode) || 'PASSTHROUGH';
/** A mode in which the gateway forwards TLS without terminating it (Istio's IsPassThroughServer). */
export const isPassthroughMode = (mode: string): boolean =>
  mode === 'PASSTHROUGH' || mode === 'AUTO_PASSTHROUGH';

export function checkServerTLS(c: Check, raw: unknown, at: Path): void {
  if (raw === undefined || raw === null) return;
  const tls = obj(raw);
  const mode = serverTLSMode(tls);
  const ciphers = list(tls.cipherSuites).map(s);
  if ((tls.minProtocolVersion === 'TLSV1_0' || tls.minProtocolVersion === 'TLSV1_1') && ciphers.length === 0)
    c.warn(
      [...at, 'minProtocolVersion'],
      'TLS version below TLSV1_2 require setting compatible ciphers as by default they no longer include compatible ciphers.',
    );
  const invalid = new Set<string>();
  const valid = new Set<string>();
  const dup = new Set<string>();
  for (const cs of ciphers) {
    if (!isValidCipherSuite(cs)) invalid.add(cs);
    else if (valid.has(cs)) dup.add(cs);
    else valid.add(cs);
  }
  const sorted = (x: Set<string>): string => `[${[...x].sort().join(' ')}]`;
  if (invalid.size) c.warn([...at, 'cipherSuites'], `ignoring invalid cipher suites: ${sorted(invalid)}`);
  if (dup.size) c.warn([...at, 'cipherSuites'], `ignoring duplicate cipher suites: ${sorted(dup)}`);

  const cert = s(tls.serverCertificate);
  const key = s(tls.privateKey);
  const ca = s(tls.caCertificates);
  const cred = s(tls.credentialName);
  const creds = list(tls.credentialNames);
  const certs = list(tls.tlsCertificates);
  if (mode === 'ISTIO_MUTUAL') {
    const forbidden: [boolean, string][] = [
      [cert !== '', 'server certificate'],
      [key !== '', 'private key'],
      [ca !== '', 'CA bundle'],
      [certs.length > 0, 'tlsCertificates'],
      [cred !== '', 'credentialName'],
      [creds.length > 0, 'credentialNames'],
    ];
    for (const [set, what] of forbidden)
      if (set) c.error(at, `ISTIO_MUTUAL TLS cannot have associated ${what}`);
    return;
  }
  if (
    isPassthroughMode(mode) &&
    (s(tls.caCrl) !== '' ||
      cert !== '' ||
      key !== '' ||
      ca !== '' ||
      certs.length ||
      cred !== '' ||
      creds.length)
  )
    c.warn(at, `${mode} mode does not use certificates, they will be ignored`);
  const sources = [cert !== '' && key !== '', cred !== '', creds.length > 0, certs.length > 0].filter(
    Boolean,
  ).length;
  if (sources > 1)
    c.error(
      at,
      'only one of credential_name, credential_names, server_certificate/private_key, tls_certificates should be specified',
    );
  const terminating = mode === 'SIMPLE' || mode === 'MUTUAL' || mode === 'OPTIONAL_MUTUAL';
  if (terminating && (cred !== '' || creds.length > 0)) return; // fetched remotely
  if (terminating) {
    const prefix = mode === 'SIMPLE' ? 'SIMPLE TLS' : 'MUTUAL TLS';
    if (prefix === 'MUTUAL TLS' && ca === '') c.error(at, `${prefix} requires a client CA bundle`);
    if (certs.length > 2)
      c.warn([...at, 'tlsCertificates'], `${prefix} can support up to 2 server certificates`);
    const toVerify = certs.length ? certs.map(obj) : [{ serverCertificate: cert, privateKey: key }];
    for (const x of toVerify) {
      if (s(x.serverCertificate) === '') c.error(at, `${prefix} requires a server certificate`);
      if (s(x.privateKey) === '') c.error(at, `${prefix} requires a private key`);
    }
  }
  if (s(tls.caCrl) !== '') {
    if (cred !== '')
      c.error(at, 'CRL is not supported with credentialName. CRL has to be specified in the credential');
    if (mode === 'SIMPLE') c.error(at, 'CRL is not supported with SIMPLE TLS');
  }
}
