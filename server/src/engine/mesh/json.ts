// The JSON form of a proto message, as the mesh module handles it.
import { isObj } from '../util/json';

export type JsonMap = Record<string, unknown>;
export const isMap = isObj;

export function deepCopy<T>(v: T): T {
  if (Array.isArray(v)) return v.map(deepCopy) as T;
  if (isMap(v)) {
    const o: JsonMap = {};
    for (const [k, x] of Object.entries(v)) o[k] = deepCopy(x);
    return o as T;
  }
  return v;
}

/** protojson accepts a field's proto name (snake_case) as well as its JSON name (lowerCamelCase). */
export function jsonName(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}
