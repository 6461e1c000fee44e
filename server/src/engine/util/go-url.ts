// Go's net/url parsing, exactly as far as its callers depend on it: url.Parse and
// url.ParseRequestURI (what the Kubernetes CEL url()/isURL() use, and Istio's jwksUri and WasmPlugin
// url checks), with Go's error texts.
import { goQuote } from './goQuote';

export interface GoUrl {
  scheme: string;
  opaque: string;
  /** Unescaped host (host:port, IPv6 literals in brackets). */
  host: string;
  /** Unescaped path. */
  path: string;
  /** The path as written (Go's RawPath hint). */
  rawPath: string;
  rawQuery: string;
}

/**
 * url.Parse (viaRequest false) or url.ParseRequestURI (true). On failure, Go's *url.Error text:
 * `parse "<url>": <reason>` (Parse quotes the URL without its fragment unless the fragment is bad).
 */
export function parseGoUrl(raw: string, viaRequest: boolean): GoUrl | string {
  const fail = (url: string, reason: string): string => `parse ${goQuote(url)}: ${reason}`;
  if (viaRequest) {
    const u = parse(raw, true);
    return typeof u === 'string' ? fail(raw, u) : u;
  }
  const hash = raw.indexOf('#');
  const before = hash < 0 ? raw : raw.slice(0, hash);
  const u = parse(before, false);
  if (typeof u === 'string') return fail(before, u);
  if (hash < 0) return u;
  const frag = unescape(raw.slice(hash + 1), 'fragment');
  return typeof frag === 'string' ? u : fail(raw, frag.error);
}

// eslint-disable-next-line no-control-regex -- Go refuses ASCII control bytes anywhere in a URL
const CTL = /[\x00-\x1f\x7f]/;

function parse(raw: string, viaRequest: boolean): GoUrl | string {
  if (CTL.test(raw)) return 'net/url: invalid control character in URL';
  if (raw === '' && viaRequest) return 'empty url';
  const u: GoUrl = { scheme: '', opaque: '', host: '', path: '', rawPath: '', rawQuery: '' };
  if (raw === '*') {
    u.path = '*';
    return u;
  }
  const s = scheme(raw);
  if (typeof s === 'string') return s;
  u.scheme = s[0].toLowerCase();
  let rest = s[1];
  if (rest.endsWith('?') && rest.indexOf('?') === rest.length - 1) rest = rest.slice(0, -1);
  else {
    const q = rest.indexOf('?');
    if (q >= 0) {
      u.rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith('/')) {
    if (u.scheme) {
      u.opaque = rest;
      return u;
    }
    if (viaRequest) return 'invalid URI for request';
    const slash = rest.indexOf('/');
    if ((slash < 0 ? rest : rest.slice(0, slash)).includes(':'))
      return 'first path segment in URL cannot contain colon';
  }
  if ((u.scheme || (!viaRequest && !rest.startsWith('///'))) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    const host = parseAuthority(authority);
    if (typeof host !== 'string') return host.error;
    u.host = host;
  }
  const path = unescape(rest, 'path');
  if (typeof path !== 'string') return path.error;
  u.path = path;
  u.rawPath = rest;
  return u;
}

function scheme(raw: string): [string, string] | string {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+.-]/.test(c)) {
      if (i === 0) return ['', raw];
      continue;
    }
    if (c === ':') return i === 0 ? 'missing protocol scheme' : [raw.slice(0, i), raw.slice(i + 1)];
    return ['', raw];
  }
  return ['', raw];
}

const USERINFO = /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/;

function parseAuthority(authority: string): string | { error: string } {
  const at = authority.lastIndexOf('@');
  const host = parseHost(at < 0 ? authority : authority.slice(at + 1));
  if (typeof host !== 'string' || at < 0) return host;
  const userinfo = authority.slice(0, at);
  if (!USERINFO.test(userinfo)) return { error: 'net/url: invalid userinfo' };
  for (const part of userinfo.split(':', 2)) {
    const e = unescape(part, 'userinfo');
    if (typeof e !== 'string') return e;
  }
  return host;
}

function parseHost(host: string): string | { error: string } {
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) return { error: "missing ']' in host" };
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) return { error: `invalid port ${goQuote(colonPort)} after host` };
    const zone = host.slice(0, close).indexOf('%25');
    if (zone >= 0) {
      const parts = [
        unescape(host.slice(0, zone), 'host'),
        unescape(host.slice(zone, close), 'zone'),
        unescape(host.slice(close), 'host'),
      ];
      let joined = '';
      for (const p of parts) {
        if (typeof p !== 'string') return p;
        joined += p;
      }
      return joined;
    }
  } else {
    const colon = host.lastIndexOf(':');
    if (colon >= 0 && !validOptionalPort(host.slice(colon)))
      return { error: `invalid port ${goQuote(host.slice(colon))} after host` };
  }
  return unescape(host, 'host');
}

const validOptionalPort = (port: string): boolean => port === '' || /^:[0-9]*$/.test(port);

type Mode = 'path' | 'host' | 'zone' | 'userinfo' | 'fragment';

/** Characters a host may hold unescaped (RFC 3986 unreserved, sub-delims, and Go's extras). */
const HOST_OK = /[A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"]/;

/** Go's unescape: validates %XX escapes (and, in a host, the characters); returns the decoded text. */
function unescape(s: string, mode: Mode): string | { error: string } {
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '%') {
      if (!/^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3)))
        return { error: `invalid URL escape ${goQuote(s.slice(i, i + 3))}` };
      // In a host, %-escapes may only encode non-ASCII bytes (and %25 inside an IPv6 zone).
      if (mode === 'host' && parseInt(s[i + 1], 16) < 8 && s.slice(i, i + 3) !== '%25')
        return { error: `invalid URL escape ${goQuote(s.slice(i, i + 3))}` };
      if (mode === 'zone') {
        const v = parseInt(s.slice(i + 1, i + 3), 16);
        if (s.slice(i, i + 3) !== '%25' && v !== 0x20 && (v >= 0x80 || !HOST_OK.test(String.fromCharCode(v))))
          return { error: `invalid URL escape ${goQuote(s.slice(i, i + 3))}` };
      }
      i += 2;
    } else if ((mode === 'host' || mode === 'zone') && c.charCodeAt(0) < 0x80 && !HOST_OK.test(c)) {
      return { error: `invalid character ${goQuote(c)} in host name` };
    }
  }
  try {
    return decodeURIComponent(s.replace(/%(?![0-9a-fA-F]{2})/g, '%25'));
  } catch {
    return s; // a %-escape of a lone UTF-8 byte: Go keeps the raw byte; the text is only informational
  }
}

/** url.URL.Hostname(): the host without port and brackets. */
export function hostname(u: GoUrl): string {
  return splitHostPort(u.host)[0];
}

/** url.URL.Port(). */
export function port(u: GoUrl): string {
  return splitHostPort(u.host)[1];
}

function splitHostPort(hostPort: string): [string, string] {
  let host = hostPort,
    p = '';
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && validOptionalPort(host.slice(colon))) {
    p = host.slice(colon + 1);
    host = host.slice(0, colon);
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  return [host, p];
}

/** Path characters Go leaves unescaped (unreserved, and $&+,/:;=@). */
const PATH_OK = /[A-Za-z0-9\-_.~$&+,/:;=@]/;

/** url.URL.EscapedPath(): the path as written when that is a valid encoding, else Go's escaping of it. */
export function escapedPath(u: GoUrl): string {
  if ([...u.rawPath].every((c) => PATH_OK.test(c) || "!'()*[]%".includes(c))) return u.rawPath;
  let out = '';
  for (const b of new TextEncoder().encode(u.path)) {
    const c = String.fromCharCode(b);
    out += b < 0x80 && PATH_OK.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
