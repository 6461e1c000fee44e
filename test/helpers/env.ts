import { DEFAULT_SETTINGS, type EngineEnv, type EngineSettings } from '../../server/src/engine/model/env';
import { schemaRegistry } from '../../server/src/data/schemas';

/** An engine env over the real committed schema bundle (loaded once per test process). */
export function testEnv(settings: Partial<EngineSettings> = {}): EngineEnv {
  return { schemas: schemaRegistry(), settings: { ...DEFAULT_SETTINGS, ...settings } };
}
