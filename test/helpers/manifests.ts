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
