// Benchmark inputs, generated under bench/.work/ (git-ignored) from the Istio samples and the
// analyzer test data in third_party/: multi-document manifests of about 2k, 20k and 100k lines,
// 500 small files to open, and a 2,000-file workspace.
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

function yamlFiles(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

/** Every well-formed Kubernetes resource document of the samples and the analysis test data. */
export function sourceDocuments(root) {
  const istio = path.join(root, 'third_party', 'upstream', 'istio');
  const files = [
    ...yamlFiles(path.join(istio, 'samples')),
    ...yamlFiles(path.join(istio, 'analysis', 'testdata')),
  ];
  const docs = [];
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    for (const d of parseAllDocuments(text)) {
      if (d.errors.length || !d.contents) continue;
      const js = d.toJS();
      if (!js || typeof js !== 'object' || !js.apiVersion || !js.kind) continue;
      const [s, , e] = d.range;
      const body = text
        .slice(s, e)
        .replace(/^---[^\n]*\n/, '')
        .trimEnd();
      if (body.includes('{{')) continue;
      docs.push(body + '\n');
    }
  }
  return docs;
}

/** A copy of `doc` whose metadata.name (2-space indented `name:` under metadata) carries a suffix. */
function renamed(doc, suffix) {
  if (!suffix) return doc;
  return doc.replace(
    /^(metadata:\n(?: {2}.*\n)*? {2}name: )("?)([\w.-]+)\2$/m,
    (_, pre, q, name) => `${pre}${q}${name}-${suffix}${q}`,
  );
}

/** A multi-document manifest of at least `lines` lines: the source documents round-robin, renamed per round. */
export function manifest(docs, lines) {
  const parts = [];
  let n = 0;
  for (let i = 0; n < lines; i++) {
    const round = Math.floor(i / docs.length);
    const d = renamed(docs[i % docs.length], round ? `r${round}` : '');
    parts.push(d);
    n += d.split('\n').length; // its lines plus the separator
  }
  return parts.join('---\n');
}

/** `count` files of a few documents each, all different (names carry the file number). */
export function smallFiles(docs, count, perFile = 3) {
  const out = [];
  for (let f = 0; f < count; f++) {
    const parts = [];
    for (let k = 0; k < perFile; k++) parts.push(renamed(docs[(f * perFile + k) % docs.length], `f${f}`));
    out.push(parts.join('---\n'));
  }
  return out;
}

export function writeWorkspace(dir, files) {
  fs.rmSync(dir, { recursive: true, force: true });
  files.forEach((text, i) => {
    const sub = path.join(dir, `team-${String(Math.floor(i / 100)).padStart(2, '0')}`);
    fs.mkdirSync(sub, { recursive: true });
    fs.writeFileSync(path.join(sub, `manifest-${String(i).padStart(4, '0')}.yaml`), text);
  });
}

/**
 * A platform monorepo in one file: `services` Services and their Deployments spread over `namespaces`
 * namespaces, a Gateway per namespace, and a VirtualService per service routing from that Gateway and
 * within the mesh (issue 9 §8: what a large team's manifests look like to `check`).
 */
export function monorepo(services = 3000, namespaces = 50) {
  const parts = [];
  for (let n = 0; n < namespaces; n++) {
    parts.push(`apiVersion: v1
kind: Namespace
metadata:
  name: team-${n}
  labels:
    istio-injection: enabled
`);
    parts.push(`apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: edge
  namespace: team-${n}
spec:
  selector:
    istio: ingressgateway
  servers:
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts:
    - "*.team-${n}.example.com"
`);
  }
  for (let i = 0; i < services; i++) {
    const ns = `team-${i % namespaces}`;
    const app = `svc-${i}`;
    parts.push(`apiVersion: v1
kind: Service
metadata:
  name: ${app}
  namespace: ${ns}
  labels:
    app: ${app}
spec:
  selector:
    app: ${app}
  ports:
  - name: http
    port: 80
    targetPort: 8080
`);
    parts.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: ${app}
  template:
    metadata:
      labels:
        app: ${app}
        version: v1
    spec:
      containers:
      - name: ${app}
        image: registry.example.com/${app}:1.0.${i}
        ports:
        - containerPort: 8080
        resources:
          requests:
            cpu: 100m
            memory: 128Mi
`);
    parts.push(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ${app}
  namespace: ${ns}
spec:
  hosts:
  - ${app}
  - "${app}.${ns}.example.com"
  gateways:
  - edge
  - mesh
  http:
  - match:
    - uri:
        prefix: /${app}/
    route:
    - destination:
        host: ${app}
        port:
          number: 80
`);
  }
  return parts.join('---\n');
}
