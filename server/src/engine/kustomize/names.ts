// When kustomize renames a resource (namePrefix/nameSuffix), it renames the references to it that
// its nameReference field specs know (api/konfig/builtinpluginconsts/namereference.go): the
// ConfigMaps, Secrets, ServiceAccounts and PersistentVolumeClaims a pod uses, the Role a binding
// names, the Service of an Ingress, APIService or webhook. Istio hosts are not among them, unless a
// kustomization's `configurations` adds rules for them (config.ts), applied here as kustomize applies its
// own: the field a spec names is a name, a list of names, or a mapping whose `name` is the name.

import { isObj, objs, type Obj } from '../util/json';
import { specSelects, type NameReferenceRule } from './config';

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

/** An object a prefix or suffix renamed: its header (apiVersion, kind) and both names. */
export interface Renamed {
  header: Obj;
  from: string;
  to: string;
}

/**
 * `renames`: `Kind/oldName` → new name, for kustomize's built-in rules; `rules` (a kustomization's
 * configurations) rename the fields they name that hold the old name of an object of `renamed`.
 */
export function renameReferences(
  v: Obj,
  renames: ReadonlyMap<string, string>,
  rules: readonly NameReferenceRule[] = [],
  renamed: readonly Renamed[] = [],
): void {
  for (const rule of rules) renameByRule(v, rule, renamed);
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

/** A configured nameReference rule: each field its specs name on `v` that holds an old name gets the new one. */
function renameByRule(v: Obj, rule: NameReferenceRule, renamed: readonly Renamed[]): void {
  const targets = renamed.filter((r) => specSelects(rule, r.header));
  if (!targets.length) return;
  // Several objects of the kind renamed from one name to different names: kustomize cannot pick (it fails).
  const newName = (old: unknown): string | undefined => {
    const to = new Set(targets.filter((t) => t.from === old).map((t) => t.to));
    return to.size === 1 ? [...to][0] : undefined;
  };
  const set = (holder: Record<string | number, unknown>, key: string | number): void => {
    const n = newName(holder[key]);
    if (n !== undefined) holder[key] = n;
  };
  const setValue = (holder: Record<string | number, unknown>, key: string | number): void => {
    const node = holder[key];
    if (typeof node === 'string') set(holder, key);
    else if (Array.isArray(node))
      node.forEach((x, i) => {
        if (typeof x === 'string') set(node as unknown as Record<number, unknown>, i);
        else if (isObj(x)) set(x, 'name');
      });
    else if (isObj(node)) set(node, 'name');
  };
  // fieldspec.Filter: a list on the way is walked through, element by element, with the same path.
  const walk = (holder: Record<string | number, unknown>, key: string | number, path: readonly string[]) => {
    const node = holder[key];
    if (!path.length) return setValue(holder, key);
    if (Array.isArray(node))
      node.forEach((_, i) => walk(node as unknown as Record<number, unknown>, i, path));
    else if (isObj(node) && path[0] in node) walk(node, path[0], path.slice(1));
  };
  for (const spec of rule.fieldSpecs) if (specSelects(spec, v)) walk({ root: v }, 'root', spec.path);
}
