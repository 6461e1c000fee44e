// When kustomize renames a resource (namePrefix/nameSuffix), it renames the references to it that
// its nameReference field specs know (api/konfig/builtinpluginconsts/namereference.go): the
// ConfigMaps, Secrets, ServiceAccounts and PersistentVolumeClaims a pod uses, the Role a binding
// names, the Service of an Ingress, APIService or webhook. Istio hosts are not among them.

import { isObj, objs, type Obj } from '../util/json';

/** `v` as a mapping, or undefined (so `?.` chains stop at the first non-mapping). */
const obj = (v: unknown): Obj | undefined => (isObj(v) ? v : undefined);

const POD_SPEC: Readonly<Record<string, string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

type Rename = (kind: string, o: unknown, field?: string) => void;

/** `renames`: `Kind/oldName` → new name. */
export function renameReferences(v: Obj, renames: ReadonlyMap<string, string>): void {
  const rename: Rename = (kind, o, field = 'name') => {
    const m = obj(o);
    if (!m || typeof m[field] !== 'string') return;
    const n = renames.get(`${kind}/${m[field]}`);
    if (n) m[field] = n;
  };
  const kind = typeof v.kind === 'string' ? v.kind : '';
  const path = POD_SPEC[kind];
  if (path) {
    let spec: Obj | undefined = v;
    for (const seg of path) spec = obj(spec?.[seg]);
    if (spec) renamePodSpec(spec, rename);
  }
  if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
    const ref = obj(v.roleRef);
    if (ref && typeof ref.kind === 'string') rename(ref.kind, ref);
    for (const s of objs(v.subjects)) if (s.kind === 'ServiceAccount') rename('ServiceAccount', s);
  }
  if (kind === 'Ingress') for (const b of ingressBackends(v)) rename('Service', b);
  if (kind === 'APIService') rename('Service', obj(v.spec)?.service);
  for (const w of objs(v.webhooks)) rename('Service', obj(w.clientConfig)?.service);
}

function renamePodSpec(spec: Obj, rename: Rename): void {
  rename('ServiceAccount', spec, 'serviceAccountName');
  rename('ServiceAccount', spec, 'serviceAccount');
  for (const s of objs(spec.imagePullSecrets)) rename('Secret', s);
  for (const vol of objs(spec.volumes)) {
    rename('ConfigMap', vol.configMap);
    rename('Secret', vol.secret, 'secretName');
    rename('PersistentVolumeClaim', vol.persistentVolumeClaim, 'claimName');
    for (const src of objs(obj(vol.projected)?.sources)) {
      rename('ConfigMap', src.configMap);
      rename('Secret', src.secret);
    }
  }
  for (const c of [...objs(spec.containers), ...objs(spec.initContainers)]) {
    for (const e of objs(c.envFrom)) {
      rename('ConfigMap', e.configMapRef);
      rename('Secret', e.secretRef);
    }
    for (const e of objs(c.env)) {
      const from = obj(e.valueFrom);
      rename('ConfigMap', from?.configMapKeyRef);
      rename('Secret', from?.secretKeyRef);
    }
  }
}

function ingressBackends(v: Obj): Obj[] {
  const spec = obj(v.spec) ?? {};
  const backends = [spec.defaultBackend];
  for (const r of objs(spec.rules)) for (const p of objs(obj(r.http)?.paths)) backends.push(p.backend);
  return backends.map((b) => obj(obj(b)?.service)).filter((x): x is Obj => !!x);
}
