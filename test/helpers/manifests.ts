// Manifest builders shared by the tests: small, valid YAML texts with the one field a test varies.

/** A VirtualService `web` (hosts web.example.com) routing everything to `host`, in `ns` if given. */
export const virtualService = (host: string, ns?: string): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: web${ns ? `\n  namespace: ${ns}` : ''}
spec:
  hosts: [web.example.com]
  http:
  - route:
    - destination:
        host: ${host}
`;

/** A Service `name` (in `ns` if given) selecting pods labelled `app: <name>`, port 80 named http. */
export const service = (name: string, ns?: string): string => `apiVersion: v1
kind: Service
metadata:
  name: ${name}${ns ? `\n  namespace: ${ns}` : ''}
spec:
  selector: {app: ${name}}
  ports:
  - {name: http, port: 80}
`;

/** A Deployment `name` (default: `app`) in `ns` whose pods are labelled `app: <app>`, one container. */
export const deployment = (ns: string, app: string, name = app): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: ${app}}}
  template:
    metadata: {labels: {app: ${app}}}
    spec:
      containers:
      - name: ${name}
        image: example/${name}
`;

/** A VirtualService `shop/shop` bound to the Gateway `gateway` (the `gateways` entry on line 8). */
export const boundVirtualService = (gateway = 'web'): string => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: shop
  namespace: shop
spec:
  hosts: ["shop.example.com"]
  gateways: [${gateway}]
  http:
  - route:
    - destination:
        host: frontend
`;

/** A Gateway `shop/web` selecting `selector`, one HTTP server on `port` for `host` (metadata.name on line 3). */
export const gateway = (port: number, selector = 'istio: ingressgateway', host = '"*"'): string =>
  `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: web
  namespace: shop
spec:
  selector: {${selector}}
  servers:
  - port: {number: ${port}, name: http, protocol: HTTP}
    hosts: [${host}]
`;

/** A Gateway `public` (its namespace given at apply time) selecting `selector`, one HTTP server on 80 for `host`. */
export const publicGateway = (
  selector = 'istio: ingressgateway',
  host = '"*"',
): string => `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: public
spec:
  selector: {${selector}}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: [${host}]
`;

/** A VirtualService `web` for the host `web`, routing everything to it (its namespace given at apply time). */
export const webRoute = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: web
spec:
  hosts: [web]
  http:
  - route:
    - destination:
        host: web
`;
