// protocol.Parse and its predicates (pkg/config/protocol).
const KNOWN: Record<string, string> = {
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

export const UNSUPPORTED = 'UnsupportedProtocol';

export const parseProtocol = (v: string): string => KNOWN[v.toLowerCase()] ?? UNSUPPORTED;
export const isHTTP = (p: string): boolean => ['HTTP', 'HTTP2', 'HTTP_PROXY', 'GRPC', 'GRPC-Web'].includes(p);
export const isTLS = (p: string): boolean => p === 'HTTPS' || p === 'TLS';
export const isTCP = (p: string): boolean => ['TCP', 'HTTPS', 'TLS', 'Mongo', 'Redis', 'MySQL'].includes(p);

/** ValidateProtocol: empty means sniffing. */
export const protocolError = (v: string): string | null =>
  v !== '' && parseProtocol(v) === UNSUPPORTED ? `unsupported protocol: ${v}` : null;
