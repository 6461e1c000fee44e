// A value that something substitutes before the manifest reaches the cluster: kustomize `$(VAR)`,
// envsubst `${VAR}` or `$VAR` (`$` followed by a name: a `$` is valid in no name, host or address), a
// `%VAR%` or `__VAR__` marker (the `sed s/%HOST%/.../` and `sed s/__IMAGE__/.../` templates of scripts and
// pipelines, and the token-replacement steps of CI systems), a value that calls
// itself one (`HOST_PLACEHOLDER`, or in camel or lower case `placeholderName`, `placeholder-ns`: the
// fixtures a test or UI fills in by replacing the word), a `<your-host>` / `<<CLIENT_IP>>` marker (the tutorials'
// "replace this" convention: angle brackets are valid in no name, host, address or URL), or an
// ALL_CAPS_NAME standing where no such word can be valid (a port, a URL, a host name, a lower-case
// Kubernetes name). What a validator says about such a value is true of the file, not of
// what is applied, so the rules report it as information (with a note) instead of as an error.
// A bare ALL_CAPS word where a word can be valid (an enum such as ISTIO_MUTUAL) is a typo, not this.
// `%VAR%` is an upper-case name (letters, digits, `_`, a letter or `_` first) between percent signs; two
// hex digits between them are a URL's percent-encoding (`caf%C3%A9`), not a name. `__VAR__` is an upper-case
// name (words of letters and digits joined by single `_`) between double underscores, standing alone (no
// letter, digit or `_` around it): no Kubernetes or Istio value has that shape.
// A SOPS ciphertext (`ENC[AES256_GCM,data:...,iv:...,tag:...,type:str]`, getsops/sops) is one too: the
// file is decrypted before apply (`sops -d`, Flux's kustomize-controller, ksops, helm-secrets), and the
// plain value, unknown here, replaces it. So is an Argo CD Vault Plugin marker, `<path:kv/data/app#key>`
// (with modifiers, `<path:kv/data/app#key | base64encode>`), which the plugin replaces at sync time.
// So is an IPv4 address written as its template, `x.x.x.x`, `ip.ip.ip.ip`, `10.0.x.x` (a CIDR too:
// `x.x.x.x/32`), where only an address is valid: four parts, each a number or one same word repeated
// ("put the address here"). Four different words (`a.b.c.d`, `db.corp.example.com`) can be a host name
// written where an address is needed, a mistake, and stay one.
// So is a value with an ellipsis (`...` or `…`) where no word can be valid, the elided certificate of the
// tutorials and demos (`tls.crt: LS0tLS1CRUdJTi...  # replace with the real certificate`, `MIIC...AB`):
// three dots belong to no base64 value, host name or address, so the value stands for one left
// out, which replaces it before apply.

const PERCENT = '%(?![0-9A-F]{2}%)[A-Z_][A-Z0-9_]*%';
const DUNDER = /(?<![A-Za-z0-9_])__[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*__(?![A-Za-z0-9_])/.source;
const SUBSTITUTION = new RegExp(
  `${/\$\(|\$\{|\$[A-Za-z_]|\{\{|PLACEHOLDER|[Pp]laceholder|<[A-Za-z][\w -]*>|<path:[^<>]+>/.source}|${PERCENT}|${DUNDER}`,
);
/** SOPS's encrypted value: cipher, then base64 data, iv and tag, and the plain value's type. */
const SOPS_CIPHERTEXT =
  /^ENC\[[A-Z0-9_]+,data:[A-Za-z0-9+/=]*,iv:[A-Za-z0-9+/=]*,tag:[A-Za-z0-9+/=]*,type:[a-z]+\]$/;
export const isSopsCiphertext = (value: string): boolean => SOPS_CIPHERTEXT.test(value);
const CAPS_WORD = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
/** An ellipsis, `...` or `…` (`LS0tLS1CRUdJTi...`, `MIIC...IDAQAB`, `...`): the rest of the value left out. */
const ELIDED = /\.\.\.|\u2026/;
const CAPS_IN_HOST = /(?:^|\.)[A-Z][A-Z0-9]*_[A-Z0-9_]*(?:\.|$)/;

/** What the rule knows of the place: can a bare word be a valid value here (an enum, a name)? */
export interface PlaceholderSite {
  wordsAllowed: boolean;
}

export function isPlaceholder(value: unknown, site: PlaceholderSite): boolean {
  if (typeof value !== 'string') return false;
  if (SUBSTITUTION.test(value) || isSopsCiphertext(value)) return true;
  if (!site.wordsAllowed && ELIDED.test(value)) return true;
  if (value.includes('.')) return CAPS_IN_HOST.test(value) || (!site.wordsAllowed && isIpv4Template(value));
  return !site.wordsAllowed && CAPS_WORD.test(value);
}

/** `x.x.x.x`, `ip.ip.ip.ip`, `192.168.x.x`, `x.x.x.x/24`: an IPv4 address (or CIDR) with its numbers left to fill in. */
function isIpv4Template(value: string): boolean {
  const [address, bits, ...rest] = value.split('/');
  if (rest.length > 0 || (bits !== undefined && !/^(?:\d{1,2}|[A-Za-z]+)$/.test(bits))) return false;
  const parts = address.split('.');
  if (parts.length !== 4) return false;
  const words = new Set(parts.filter((p) => !/^\d{1,3}$/.test(p)).map((p) => p.toLowerCase()));
  return words.size === 1 && [...words].every((w) => /^[a-z]+$/.test(w));
}

/** Why a finding on such a value is information. */
export const PLACEHOLDER_REASON = 'the value looks like a placeholder substituted before apply';

/** Said after the validator's own message. */
export const PLACEHOLDER_NOTE = ` (${PLACEHOLDER_REASON})`;

/**
 * Messages no ALL_CAPS word can satisfy: about where something lives (a bare word is never a valid URI,
 * host, address or CIDR range), asking for lower case (an RFC 1123 / DNS-1035 name: `metadata.name`, a
 * namespace), or for base64 (a Secret's `data`: `_` is outside the standard alphabet, so `BASE64_PASSWORD`
 * is a marker).
 */
const NO_CAPS_WORD = /URI|URL|domain|host|address|FQDN|\bIP\b|CIDR|lower ?case|base64/i;

/** For validators that only give a message: words are allowed unless the message rules them out. */
export const siteFromMessage = (message: string): PlaceholderSite => ({
  wordsAllowed: !NO_CAPS_WORD.test(message),
});

/** The substitution syntaxes as tokens: what a placeholder stands for is unknown text. */
const TOKEN = new RegExp(
  `${/\$\([^)]*\)|\$\{[^}]*\}|\$[A-Za-z_]\w*|\{\{.*?\}\}|<<[^>]*>>|<[A-Za-z][\w -]*>|<path:[^<>]+>|\w*(?:PLACEHOLDER|[Pp]laceholder)\w*/.source}|${PERCENT}|${DUNDER}`,
  'g',
);

/** What every TOKEN contains: a name without any is no template (a cheap test before the split). */
const TOKEN_START = /[$<{%]|PLACEHOLDER|[Pp]laceholder|__/;

/**
 * `written` (a name with placeholders, `<YOUR_NAMESPACE>-sentences`) could become `name` once
 * substituted: its literal parts, in order, with any text where a placeholder stands.
 */
export function couldBecome(written: string, name: string): boolean {
  if (!TOKEN_START.test(written)) return false; // most names: no token can match, and splitting costs
  const parts = written.split(TOKEN);
  if (parts.length === 1) return false;
  const escaped = parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.+')}$`).test(name);
}

const PERCENT_AT = new RegExp(PERCENT, 'y');

/**
 * The length of the `%VAR%` marker that starts at `offset` (0: none). YAML reads no plain value starting
 * with `%` (the directive indicator), so `host: %HOST%` is a syntax error of the file as written, which
 * the substitution removes: the file is a template, and the parse (which keeps the text as a string)
 * checks the rest of it.
 */
export function percentPlaceholderAt(text: string, offset: number): number {
  PERCENT_AT.lastIndex = offset;
  return PERCENT_AT.exec(text)?.[0].length ?? 0;
}

/**
 * A line that is only an envsubst placeholder, `  ${GW_ADDRESSES_YAML}` (or `$NAME`): a template whose
 * script substitutes whole YAML lines there (an `addresses:` block, a host-network stanza, or nothing).
 * As written it is no YAML (a plain scalar where a key is due); once substituted it is.
 */
const LONE_PLACEHOLDER_LINE = /^([ \t]*)\$(?:\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z_][A-Za-z0-9_]*)[ \t]*$/gm;

/** The spans of those lines' placeholders (from `$` to the line's end, trailing blanks aside). */
export function linePlaceholders(text: string): Array<[number, number]> {
  if (!text.includes('$')) return [];
  const spans: Array<[number, number]> = [];
  for (const m of text.matchAll(LONE_PLACEHOLDER_LINE)) {
    const start = m.index + m[1].length;
    spans.push([start, start + m[0].trimEnd().length - m[1].length]);
  }
  return spans;
}

/** The text with each such placeholder turned into a comment of the same length (`#{NAME}`): offsets keep. */
export function commentOut(text: string, spans: ReadonlyArray<[number, number]>): string {
  let out = '';
  let at = 0;
  for (const [start] of spans) {
    out += text.slice(at, start) + '#';
    at = start + 1;
  }
  return out + text.slice(at);
}
