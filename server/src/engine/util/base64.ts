// Base64 as Go's encoding/base64 StdEncoding decodes it, which is how the API server reads `[]byte`
// fields (a Secret's data, a webhook's caBundle): newlines are skipped, any other space is an error.

/** Go's encoding/base64 StdEncoding.Decode error (newlines are skipped), as the JSON decoder reports it. */
export function base64Error(s: string): string | undefined {
  const t = s.replace(/[\r\n]/g, '');
  let i = 0;
  for (; i < t.length; i++) if (!/[A-Za-z0-9+/]/.test(t[i])) break;
  // A truncated last quantum fails at its first byte.
  if (i === t.length)
    return t.length % 4 === 0 ? undefined : `illegal base64 data at input byte ${t.length - (t.length % 4)}`;
  // Padding: at most two '=' closing a quantum of four.
  const rest = t.slice(i);
  const pad = /^=+$/.test(rest) ? rest.length : 0;
  if (pad && pad <= 2 && t.length % 4 === 0 && i % 4 >= 2 && (i % 4) + pad === 4) return undefined;
  return `illegal base64 data at input byte ${i}`;
}
