// Just enough DER to read an X.509 certificate's validity period, so the gateway secret check can
// tell an expired certificate from a good one without a crypto dependency. Never throws.

export interface Validity {
  notBefore: Date;
  notAfter: Date;
}

/** Decodes base64 (standard or URL alphabet, whitespace ignored); undefined when it is not base64. */
export function decodeBase64(s: string): Uint8Array | undefined {
  const clean = s.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return undefined;
  const bin = typeof atob === 'function' ? safeAtob(clean) : undefined;
  if (bin === undefined) return undefined;
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function safeAtob(s: string): string | undefined {
  try {
    return atob(s.padEnd(Math.ceil(s.length / 4) * 4, '='));
  } catch {
    return undefined;
  }
}

/** The DER bytes of every `CERTIFICATE` PEM block in the text (Go's pem.Decode takes the first block). */
export function pemCertificates(text: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  const re = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const der = decodeBase64(m[1]);
    if (der) out.push(der);
  }
  return out;
}

interface Tlv {
  tag: number;
  start: number;
  end: number;
  next: number;
}

function readTlv(b: Uint8Array, at: number): Tlv | undefined {
  if (at + 2 > b.length) return undefined;
  const tag = b[at];
  let len = b[at + 1];
  let p = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || p + n > b.length) return undefined;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[p + i];
    p += n;
  }
  if (p + len > b.length) return undefined;
  return { tag, start: p, end: p + len, next: p + len };
}

function children(b: Uint8Array, parent: Tlv, max: number): Tlv[] {
  const out: Tlv[] = [];
  for (let p = parent.start; p < parent.end && out.length < max;) {
    const t = readTlv(b, p);
    if (!t || t.end > parent.end) return [];
    out.push(t);
    p = t.next;
  }
  return out;
}

/** The validity of a DER certificate, or undefined when it is not one. */
export function certificateValidity(der: Uint8Array): Validity | undefined {
  const cert = readTlv(der, 0);
  if (!cert || cert.tag !== 0x30) return undefined;
  const tbs = children(der, cert, 1)[0];
  if (!tbs || tbs.tag !== 0x30) return undefined;
  const fields = children(der, tbs, 8);
  const i = fields[0]?.tag === 0xa0 ? 1 : 0; // optional [0] version
  const validity = fields[i + 3];
  if (!validity || validity.tag !== 0x30) return undefined;
  const [nb, na] = children(der, validity, 2);
  const notBefore = nb && asn1Time(der, nb);
  const notAfter = na && asn1Time(der, na);
  return notBefore && notAfter ? { notBefore, notAfter } : undefined;
}

function asn1Time(b: Uint8Array, t: Tlv): Date | undefined {
  const s = String.fromCharCode(...b.subarray(t.start, t.end));
  const m =
    t.tag === 0x17
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s)
      : t.tag === 0x18
        ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s)
        : null;
  if (!m) return undefined;
  let year = Number(m[1]);
  if (t.tag === 0x17) year += year < 50 ? 2000 : 1900;
  const d = new Date(
    Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])),
  );
  return Number.isNaN(d.getTime()) ? undefined : d;
}
