// The `istioLens` configuration section, as the client sends it, turned into engine settings.
import { DEFAULT_SETTINGS, type EngineSettings } from '../engine/model/env';
import { obj } from '../engine/util/json';

export interface ServerSettings {
  validateEnable: boolean;
  /** The client's workspace-trust state; untrusted workspaces get no file-pointing settings. */
  workspaceTrusted: boolean;
  exclude: string[];
  /** Path of a MeshConfig overlay (machine-scoped setting; relative paths resolve inside the workspace). */
  meshConfig: string | null;
  /** `istioLens.assumeInstalled`: whether Istio's default installation is taken as present. */
  assumeInstalled: 'default' | 'none';
  /** `istioLens.defaultNamespace`: the namespace of manifests that name none (as `kubectl -n`); null: undecided. */
  defaultNamespace: string | null;
  injection: InjectionSettings;
  engine: EngineSettings;
}

/** `istioLens.injection.*`: how the cluster's injector is configured. File paths are machine-scoped. */
export interface InjectionSettings {
  set: string[];
  operatorFile: string | null;
  valuesFile: string | null;
  injectionConfig: string | null;
  meshConfigMap: string | null;
  nativeSidecars: 'auto' | 'true' | 'false';
  revision: string;
}

const NO_INJECTION: InjectionSettings = {
  set: [],
  operatorFile: null,
  valuesFile: null,
  injectionConfig: null,
  meshConfigMap: null,
  nativeSidecars: 'auto',
  revision: '',
};

export const DEFAULT_SERVER_SETTINGS: ServerSettings = {
  validateEnable: true,
  workspaceTrusted: true,
  exclude: [],
  meshConfig: null,
  assumeInstalled: 'default',
  defaultNamespace: null,
  injection: NO_INJECTION,
  engine: DEFAULT_SETTINGS,
};

export function toServerSettings(raw: unknown): ServerSettings {
  const c = obj(raw);
  const strings = (v: unknown): string[] =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  return {
    validateEnable: obj(c.validate).enable !== false,
    workspaceTrusted: c.workspaceTrusted !== false,
    exclude: strings(c.exclude),
    // Defence in depth: the client already withholds file settings in untrusted workspaces.
    meshConfig:
      c.workspaceTrusted !== false && typeof c.meshConfig === 'string' && c.meshConfig.trim()
        ? c.meshConfig.trim()
        : null,
    assumeInstalled: c.assumeInstalled === 'none' ? 'none' : 'default',
    defaultNamespace:
      typeof c.defaultNamespace === 'string' && c.defaultNamespace.trim() ? c.defaultNamespace.trim() : null,
    injection: toInjectionSettings(c.injection, c.workspaceTrusted !== false),
    engine: {
      ...DEFAULT_SETTINGS,
      kubernetesVersion:
        typeof c.kubernetesVersion === 'string' ? c.kubernetesVersion : DEFAULT_SETTINGS.kubernetesVersion,
      istioVersion: typeof c.istioVersion === 'string' ? c.istioVersion : DEFAULT_SETTINGS.istioVersion,
      disabledCodes: strings(c.disabledCodes),
    },
  };
}

function toInjectionSettings(raw: unknown, trusted: boolean): InjectionSettings {
  const c = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const file = (v: unknown): string | null =>
    trusted && typeof v === 'string' && v.trim() ? v.trim() : null;
  const native = c.nativeSidecars === 'true' || c.nativeSidecars === 'false' ? c.nativeSidecars : 'auto';
  return {
    set: Array.isArray(c.set)
      ? c.set.filter((x): x is string => typeof x === 'string' && x.includes('='))
      : [],
    operatorFile: file(c.operatorFile),
    valuesFile: file(c.valuesFile),
    injectionConfig: file(c.injectionConfig),
    meshConfigMap: file(c.meshConfigMap),
    nativeSidecars: native,
    revision: typeof c.revision === 'string' ? c.revision.trim() : '',
  };
}
