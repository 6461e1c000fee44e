import { DEFAULT_SETTINGS, type EngineEnv, type EngineSettings } from '../../server/src/engine/model/env';

export function testEnv(settings: Partial<EngineSettings> = {}): EngineEnv {
  return { schemas: { kindCount: 0 }, settings: { ...DEFAULT_SETTINGS, ...settings } };
}
