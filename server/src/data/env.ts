// Builds the EngineEnv the front ends hand to the engine: the bundled schemas plus user settings.
import { DEFAULT_SETTINGS, type EngineEnv, type EngineSettings } from '../engine/model/env';
import { schemaRegistry } from './schemas';

export function loadEngineEnv(settings: Partial<EngineSettings> = {}): EngineEnv {
  return { schemas: schemaRegistry(), settings: { ...DEFAULT_SETTINGS, ...settings } };
}
