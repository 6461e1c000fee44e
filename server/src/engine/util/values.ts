// Defensive readers over plain YAML values: manifests may hold any type anywhere, and an analyzer
// must treat a wrong type as absent (Istio would have rejected the resource) rather than throw.
/* eslint-disable @typescript-eslint/no-explicit-any -- manifests are untyped: readers hand out `any` so callers can walk any shape, each access guarded by these helpers */

export const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []);
export const obj = (v: unknown): Record<string, any> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, any>) : {};
export const str = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
/** Numbers, and numeric strings as protobuf's JSON form accepts them. */
export const num = (v: unknown): number | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v);
  return undefined;
};
export const isObj = (v: unknown): v is Record<string, any> =>
  !!v && typeof v === 'object' && !Array.isArray(v);
