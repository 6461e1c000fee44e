// Everything the engine needs from outside, handed in by a front end (server or CLI): the engine
// itself reads no files and knows no editor.

export interface EngineSettings {
  kubernetesVersion: string;
  istioVersion: string;
  /** Codes never reported (istioLens.disabledCodes / --disable). */
  disabledCodes: readonly string[];
  /** When set, the only codes reported (`check --only`), upper-cased. */
  onlyCodes?: readonly string[];
  /** At most this many diagnostics of one code per document before they are summarised. */
  maxPerCode: number;
  /** At most this many diagnostics per document in all. */
  maxPerDocument: number;
}

export const DEFAULT_SETTINGS: EngineSettings = {
  kubernetesVersion: '1.35',
  istioVersion: '1.32',
  disabledCodes: [],
  maxPerCode: 50,
  maxPerDocument: 200,
};

/**
 * The schema registry as the engine's lower layers see it: schema/registry.ts (a layer above) merges
 * its SchemaRegistry into this interface, so the env is typed without model importing schema.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging in schema/registry.ts
export interface EngineSchemas {}

/**
 * Whether a run reports `code`: a rule that leaves a mistake to another code's finding (an echo, a value
 * two validators refuse) takes it back when that code is not reported.
 */
export function codeReported(settings: EngineSettings, code: string): boolean {
  if (settings.disabledCodes.includes(code)) return false;
  return !settings.onlyCodes || settings.onlyCodes.includes(code.toUpperCase());
}

export interface EngineEnv {
  schemas: EngineSchemas;
  settings: EngineSettings;
}
