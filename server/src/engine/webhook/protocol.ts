// protocol.Parse and its predicates (pkg/config/protocol); the analyzers' port-protocol detection
// (analysis/protocol.ts) parses with it too.
export type Protocol =
  | 'TCP'
  | 'UDP'
  | 'GRPC'
  | 'GRPC-Web'
  | 'HTTP'
  | 'HTTP_PROXY'
  | 'HTTP2'
  | 'HTTPS'
  | 'TLS'
  | 'Mongo'
  | 'Redis'
  | 'MySQL'
  | 'UnsupportedProtocol';

const KNOWN: Readonly<Record<string, Protocol>> = {
  tcp: 'TCP',
  udp: 'UDP',
  grpc: 'GRPC',
  'grpc-web': 'GRPC-Web',
  http: 'HTTP',
  http_proxy: 'HTTP_PROXY',
  http2: 'HTTP2',
  https: 'HTTPS',
  tls: 'TLS',
  mongo: 'Mongo',
  redis: 'Redis',
  mysql: 'MySQL',
};

export const UNSUPPORTED: Protocol = 'UnsupportedProtocol';

export const parseProtocol = (v: string): Protocol => KNOWN[v.toLowerCase()] ?? UNSUPPORTED;
export const isHTTP = (p: string): boolean => ['HTTP', 'HTTP2', 'HTTP_PROXY', 'GRPC', 'GRPC-Web'].includes(p);
export const isTLS = (p: string): boolean => p === 'HTTPS' || p === 'TLS';
export const isTCP = (p: string): boolean => ['TCP', 'HTTPS', 'TLS', 'Mongo', 'Redis', 'MySQL'].includes(p);

/** ValidateProtocol: empty means sniffing. */
export const protocolError = (v: string): string | null =>
  v !== '' && parseProtocol(v) === UNSUPPORTED ? `unsupported protocol: ${v}` : null;
