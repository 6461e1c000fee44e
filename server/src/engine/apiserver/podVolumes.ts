// Volumes (pkg/apis/core/validation/validation.go): ValidateVolumes and validateVolumeSource (hostPath,
// secret, configMap, persistentVolumeClaim, nfs, csi; projections' modes and paths), ValidateVolumeMounts.
import { isDNS1123Label } from './names';
import type { V } from './value';
import { type PodContext, oneMember, toDNSLabel, uniqueNameFix } from './podContext';

const FILE_MODE_ERROR = 'must be a number between 0 and 0777 (octal), both inclusive';

/** Volume sources in the order validateVolumeSource counts them. */
const VOLUME_SOURCES = [
  'emptyDir',
  'hostPath',
  'gitRepo',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'flocker',
  'persistentVolumeClaim',
  'rbd',
  'quobyte',
  'cephfs',
  'cinder',
  'flexVolume',
  'downwardAPI',
  'fc',
  'azureFile',
  'vsphereVolume',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'storageos',
  'projected',
  'csi',
  'configMap',
  'ephemeral',
  'image',
];

const HOST_PATH_TYPES = [
  '',
  'BlockDevice',
  'CharDevice',
  'Directory',
  'DirectoryOrCreate',
  'File',
  'FileOrCreate',
  'Socket',
];

/** ValidateVolumes; returns the names a volumeMount may refer to (volumes without errors). */
export function validateVolumes(c: PodContext, volumes: V): Set<string> {
  const ok = new Set<string>();
  const all = new Set<string>();
  for (const vol of volumes.items()) {
    const before = c.errs.errors.length;
    validateVolumeSource(c, vol);
    const name = vol.child('name');
    const n = name.s();
    if (!n) {
      if (name.exists) c.errs.required(name);
    } else {
      const fix = toDNSLabel(n);
      for (const m of isDNS1123Label(n))
        c.errs.invalid(name, n, m, fix ? { replacements: [fix] } : undefined);
    }
    if (all.has(n)) c.errs.duplicate(name, n, uniqueNameFix(n, all));
    all.add(n);
    if (c.errs.errors.length === before) ok.add(n);
  }
  return ok;
}

function validateVolumeSource(c: PodContext, vol: V): void {
  oneMember(c, vol, VOLUME_SOURCES, 'volume type', (s, src) => {
    switch (s) {
      case 'hostPath': {
        requireString(c, src.child('path'));
        const type = src.child('type');
        const t = type.str();
        if (t !== undefined && !HOST_PATH_TYPES.includes(t)) c.errs.notSupported(type, t, HOST_PATH_TYPES);
        break;
      }
      case 'secret':
        requireString(c, src.child('secretName'));
        validateProjection(c, src);
        break;
      case 'configMap':
        requireString(c, src.child('name'));
        validateProjection(c, src);
        break;
      case 'persistentVolumeClaim':
        requireString(c, src.child('claimName'));
        break;
      case 'nfs': {
        requireString(c, src.child('server'));
        const p = src.child('path');
        const pv = p.s();
        if (!pv) c.errs.required(p);
        else if (!pv.startsWith('/')) c.errs.invalid(p, pv, 'must be an absolute path');
        break;
      }
      case 'csi':
        requireString(c, src.child('driver'));
        break;
    }
  });
}

function requireString(c: PodContext, v: V): void {
  if (!v.s()) c.errs.required(v);
}

/** defaultMode and items (KeyToPath) of secret and configMap volumes. */
function validateProjection(c: PodContext, src: V): void {
  validateMode(c, src.child('defaultMode'));
  for (const item of src.child('items').items()) {
    const key = item.child('key');
    if (!key.s()) c.errs.required(key);
    const path = item.child('path');
    const p = path.s();
    if (!p) c.errs.required(path);
    else validateLocalNonReservedPath(c, path, p);
    validateMode(c, item.child('mode'));
  }
}

function validateMode(c: PodContext, v: V): void {
  const m = v.int();
  if (m !== undefined && (m < 0 || m > 0o777)) c.errs.invalid(v, m, FILE_MODE_ERROR);
}

function validateLocalDescendingPath(c: PodContext, at: V, p: string): void {
  if (p.startsWith('/')) c.errs.invalid(at, p, 'must be a relative path');
  if (p.split(/[\\/]/).includes('..')) c.errs.invalid(at, p, "must not contain '..'");
}

function validateLocalNonReservedPath(c: PodContext, at: V, p: string): void {
  validateLocalDescendingPath(c, at, p);
  if (p.startsWith('..')) c.errs.invalid(at, p, "must not start with '..'");
}

export function validateVolumeMounts(c: PodContext, mounts: V, volumes: Set<string>): void {
  const points = new Set<string>();
  for (const m of mounts.items()) {
    const name = m.child('name');
    const n = name.str();
    if (n === undefined) continue;
    if (n === '') c.errs.required(name);
    if (!volumes.has(n)) c.errs.notFound(name, n);
    const mp = m.child('mountPath');
    const p = mp.str();
    if (p === undefined) continue;
    if (p === '') c.errs.required(mp);
    if (points.has(p)) c.errs.invalid(mp, p, 'must be unique');
    points.add(p);
    const sub = m.child('subPath');
    const sp = sub.str();
    if (sp) validateLocalDescendingPath(c, sub, sp);
  }
}
