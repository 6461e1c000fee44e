// configMapGenerator (api/types/configmapargs.go, api/kv): the ConfigMaps a kustomization generates,
// with the data of their `literals` (`KEY=VALUE`, one pair of surrounding quotes removed). They join
// the rendering only as what other parts of it read (replacement sources, patch targets), never as
// workspace resources: their `envs` and `files` are files the engine does not read, so their keys
// from there are unknown, and a replacement reading one is unresolved.
import { arr, asString, obj, type Obj } from '../util/json';

export interface GeneratedConfigMap {
  name: string;
  namespace?: string;
  /** create: a new ConfigMap; merge / replace: changes the one a base generated under that name. */
  behavior: string;
  data: Record<string, string>;
}

export function readConfigMapGenerators(value: Obj): GeneratedConfigMap[] {
  return arr(value.configMapGenerator).flatMap((g) => {
    const o = obj(g);
    const name = asString(o.name);
    if (!name) return [];
    const data: Record<string, string> = {};
    for (const l of arr(o.literals)) {
      if (typeof l !== 'string') continue;
      const eq = l.indexOf('=');
      if (eq > 0) data[l.slice(0, eq)] = unquote(l.slice(eq + 1));
    }
    return [
      {
        name,
        namespace: asString(o.namespace) || undefined,
        behavior: asString(o.behavior) || 'create',
        data,
      },
    ];
  });
}

/** kv's removeQuotes: one matching pair of surrounding single or double quotes. */
function unquote(s: string): string {
  return s.length >= 2 && (s[0] === '"' || s[0] === "'") && s.at(-1) === s[0] ? s.slice(1, -1) : s;
}

/** The ConfigMap value a generator creates. */
export function configMapValue(g: GeneratedConfigMap): Obj {
  const metadata: Obj = { name: g.name };
  if (g.namespace) metadata.namespace = g.namespace;
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata, data: { ...g.data } };
}

/** A merge or replace generator applied to the ConfigMap a base generated. */
export function mergeGenerated(existing: Obj, g: GeneratedConfigMap): void {
  existing.data = g.behavior === 'replace' ? { ...g.data } : { ...obj(existing.data), ...g.data };
}
