// ConfigMap and Secret (pkg/apis/core/validation/validation.go: ValidateConfigMap, ValidateSecret):
// keys, `data` as base64 (the decoder's error), the types' required keys and the size limit.
import { base64Error } from '../util/base64';
import type { ErrorList } from './field';
import { canonicalQuantity } from '../util/quantity';
import { validateLabelSelector } from './meta';
import { isConfigMapKey, isDNS1123Subdomain } from './names';
import { quantityValue } from './quantity';
import type { V } from './value';
import { sortedEnumValues } from './enums';

/**
 * The keys of `map` (data, binaryData, stringData) as config keys, reported under `under` (stringData
 * is merged into data before validation), then `each` entry's own checks; adds the keys to `keys`.
 */
function configKeys(
  errs: ErrorList,
  map: V,
  under: V,
  keys: Set<string>,
  each: (key: string, value: V, at: V) => void = () => {},
): void {
  for (const { key, value } of map.entries()) {
    const at = under.keyed(key, undefined, value.keyNode);
    errs.invalidAll(at, key, isConfigMapKey(key));
    each(key, value, at);
    keys.add(key);
  }
}

/** A value that is no base64 fails the JSON decoder before validation: kubectl prints its error. */
function decodeBase64Value(errs: ErrorList, value: V, kind: 'ConfigMap' | 'Secret'): void {
  const e = base64Error(value.s());
  if (e) errs.decode(value, `${kind} in version "v1" cannot be handled as a ${kind}: ${e}`);
}

export function validateConfigMap(errs: ErrorList, root: V): void {
  const data = root.child('data');
  const bin = root.child('binaryData');
  const inData = new Set<string>();
  configKeys(errs, data, data, inData);
  configKeys(errs, bin, bin, new Set(), (key, value, at) => {
    if (inData.has(key)) errs.invalid(at, key, 'duplicate of key present in data');
    decodeBase64Value(errs, value, 'ConfigMap');
  });
}

const SECRET_REQUIRED: Record<string, string[]> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};

export function validateSecret(errs: ErrorList, root: V): void {
  const data = root.child('data');
  const sdata = root.child('stringData');
  const keys = new Set<string>();
  configKeys(errs, data, data, keys, (_, value) => decodeBase64Value(errs, value, 'Secret'));
  configKeys(errs, sdata, data, keys);
  const type = root.child('type').s();
  for (const k of SECRET_REQUIRED[type] ?? []) if (!keys.has(k)) errs.required(data.keyed(k));
  if (type === 'kubernetes.io/basic-auth' && !keys.has('username') && !keys.has('password'))
    errs.required(data.keyed('username'), "must have at least one of 'username' or 'password'");
  if (type === 'kubernetes.io/service-account-token') {
    const ann = root.at('metadata', 'annotations');
    if (!ann.child('kubernetes.io/service-account.name').s())
      errs.required(ann.keyed('kubernetes.io/service-account.name'));
  }
  if (type === 'kubernetes.io/dockerconfigjson' && keys.has('.dockerconfigjson')) {
    const v = data.child('.dockerconfigjson').str();
    const raw = v !== undefined ? decodeBase64(v) : sdata.child('.dockerconfigjson').str();
    if (raw !== undefined && !isJSON(raw))
      errs.invalid(
        data.keyed(
          '.dockerconfigjson',
          data.child('.dockerconfigjson').node ?? sdata.child('.dockerconfigjson').node,
        ),
        '<secret contents redacted>',
        'unexpected end of JSON input',
      );
  }
}

function decodeBase64(s: string): string | undefined {
  if (base64Error(s)) return undefined;
  return Buffer.from(s.replace(/[\r\n]/g, ''), 'base64').toString('utf8');
}

function isJSON(s: string): boolean {
  try {
    JSON.parse(s);
    return true;
  } catch {
    return false;
  }
}

const ACCESS_MODES = sortedEnumValues('PersistentVolumeAccessMode');

/** ValidatePersistentVolumeClaimSpec. */
export function validatePVCSpec(errs: ErrorList, spec: V): void {
  const modes = spec.child('accessModes');
  const list = modes.items();
  if (list.length === 0) errs.required(modes, 'at least 1 access mode is required');
  for (const m of list) {
    const s = m.str();
    if (s !== undefined && !ACCESS_MODES.includes(s))
      errs.notSupported(modes.pointAt(m.node), s, ACCESS_MODES);
  }
  const sel = spec.child('selector');
  if (sel.isMap) validateLabelSelector(errs, sel);
  const storage = spec.at('resources', 'requests', 'storage');
  const at = spec.child('resources').keyed('storage', storage.node, storage.keyNode);
  const q = quantityValue(storage.scalar());
  if (!storage.exists) errs.required(at);
  else if (q && q.num <= 0n)
    errs.invalid(
      at,
      canonicalQuantity(storage.scalar()) ?? String(storage.scalar()),
      'must be greater than zero',
    );
  const sc = spec.child('storageClassName');
  const scv = sc.str();
  if (scv) errs.invalidAll(sc, scv, isDNS1123Subdomain(scv));
  const vm = spec.child('volumeMode');
  const vmv = vm.str();
  if (vmv !== undefined && vmv !== 'Block' && vmv !== 'Filesystem')
    errs.notSupported(vm, vmv, ['Block', 'Filesystem']);
}
