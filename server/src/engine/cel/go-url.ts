// Go's net/url parsing, as far as the Kubernetes CEL URL library depends on it: url() and isURL()
// use url.ParseRequestURI (absolute URL or absolute path), getters read url.Parse's result.

export interface GoUrl {
  scheme: string;
  opaque: string;
  host: string;
  path: string;
  rawQuery: string;
}

/** url.Parse (viaRequest false) or url.ParseRequestURI (true). Returns the error text on failure. */
export function parseGoUrl(raw: string, viaRequest: boolean): GoUrl | string {
  let rest = raw;
  if (!viaRequest) {
    const hash = rest.indexOf('#');
    if (hash >= 0) rest = rest.slice(0, hash);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(raw)) return 'net/url: invalid control character in URL';
  if (rest === '' && viaRequest) return 'empty url';
  const u: GoUrl = { scheme: '', opaque: '', host: '', path: '', rawQuery: '' };
  if (rest === '*') {
    u.path = '*';
    return u;
  }
  const s = scheme(rest);
  if (typeof s === 'string') return s;
  u.scheme = s[0].toLowerCase();
  rest = s[1];
  const q = rest.indexOf('?');
  if (q >= 0) {
    u.rawQuery = rest.slice(q + 1);
    rest = rest.slice(0, q);
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
    const after = rest.slice(2);
    const slash = after.indexOf('/');
    const authority = slash < 0 ? after : after.slice(0, slash);
    rest = slash < 0 ? '' : after.slice(slash);
    const host = parseHost(authority.slice(authority.lastIndexOf('@') + 1));
    if (host.error) return host.error;
    u.host = host.host;
  }
  if (/%(?![0-9a-fA-F]{2})/.test(rest))
    return `invalid URL escape "${rest.slice(rest.search(/%(?![0-9a-fA-F]{2})/), rest.search(/%(?![0-9a-fA-F]{2})/) + 3)}"`;
  u.path = rest;
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

const HOST_CHAR = /^[A-Za-z0-9\-._~!$&'()*+,;=:[\]<>"%]*$/;

function parseHost(host: string): { host: string; error?: string } {
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) return { host, error: `missing ']' in host` };
    const port = host.slice(close + 1);
    if (!validOptionalPort(port)) return { host, error: `invalid port "${port}" after host` };
    return { host };
  }
  const colon = host.lastIndexOf(':');
  if (colon >= 0 && !validOptionalPort(host.slice(colon)))
    return { host, error: `invalid port "${host.slice(colon)}" after host` };
  if (!HOST_CHAR.test(host) || /%(?![0-9a-fA-F]{2})/.test(host))
    return { host, error: `invalid character in host name "${host}"` };
  return { host };
}

function validOptionalPort(port: string): boolean {
  return port === '' || /^:[0-9]*$/.test(port);
}

export function hostname(u: GoUrl): string {
  const h = u.host;
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']'));
  const colon = h.lastIndexOf(':');
  return colon >= 0 ? h.slice(0, colon) : h;
}

export function port(u: GoUrl): string {
  const h = u.host;
  const colon = h.lastIndexOf(':');
  if (colon < 0 || (h.startsWith('[') && colon < h.indexOf(']'))) return '';
  return h.slice(colon + 1);
}
