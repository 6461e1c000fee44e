// The `istioLens` configuration section, as the client sends it, turned into engine settings.
import { DEFAULT_SETTINGS, type EngineSettings } from '../engine/model/env';

export interface ServerSettings {
  validateEnable: boolean;
  /** The client's workspace-trust state; untrusted workspaces get no file-pointing settings. */
  workspaceTrusted: boolean;
  exclude: string[];
  /** Path of a MeshConfig overlay (machine-scoped setting; relative paths resolve inside the workspace). */
  meshConfig: string | null;
  engine: EngineSettings;
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = { validateEnable: true, workspaceTrusted: true, exclude: [], meshConfig: null, engine: DEFAULT_SETTINGS };

export function toServerSettings(raw: unknown): ServerSettings {
  const c = (raw && typeof raw === 'object' ? raw : {}) as Record<string, any>;
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return {
    validateEnable: c.validate?.enable !== false,
    workspaceTrusted: c.workspaceTrusted !== false,
    exclude: strings(c.exclude),
    // Defence in depth: the client already withholds file settings in untrusted workspaces.
    meshConfig: c.workspaceTrusted !== false && typeof c.meshConfig === 'string' && c.meshConfig.trim() ? c.meshConfig.trim() : null,
    engine: {
      ...DEFAULT_SETTINGS,
      kubernetesVersion: typeof c.kubernetesVersion === 'string' ? c.kubernetesVersion : DEFAULT_SETTINGS.kubernetesVersion,
      istioVersion: typeof c.istioVersion === 'string' ? c.istioVersion : DEFAULT_SETTINGS.istioVersion,
      disabledCodes: strings(c.disabledCodes),
    },
  };
}
