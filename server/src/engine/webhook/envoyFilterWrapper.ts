// Istio's webhook decodes an EnvoyFilter patch value into the Envoy message its applyTo names
// (xds.BuildXDSObjectFromStruct): leniently first (an error if that fails), then strictly, and a strict
// failure (an unknown field) is a warning; only when the strict decoding succeeds does it warn of a filter
// named without typed_config (validateMissingTypedConfigFilterTypes). The three filter wrappers' fields
// are few and fixed, so both warnings can be told without Envoy's descriptors. Envoy v3 reserved the v2
// `config` struct in all three: a value still written with it is warned of as an unknown field.
import { obj } from '../util/json';
import { type Check, type Path, has } from './check';

interface Wrapper {
  readonly message: string;
  /** Field names as proto (snake_case) and as JSON (lowerCamelCase) spell them: protojson takes either. */
  readonly fields: readonly string[];
  /** The bool fields: another JSON type fails the lenient decoding (an error we do not judge). */
  readonly bools: readonly string[];
}

/** The fields that configure a filter; without one, Envoy looks the filter up by its name. */
const CONFIG = ['typed_config', 'typedConfig', 'config_discovery', 'configDiscovery'];
const COMMON = ['name', ...CONFIG];
const WRAPPERS: Record<string, Wrapper> = {
  HTTP_FILTER: {
    message: 'envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter',
    fields: [...COMMON, 'is_optional', 'isOptional', 'disabled'],
    bools: ['is_optional', 'isOptional', 'disabled'],
  },
  NETWORK_FILTER: { message: 'envoy.config.listener.v3.Filter', fields: COMMON, bools: [] },
  LISTENER_FILTER: {
    message: 'envoy.config.listener.v3.ListenerFilter',
    fields: [...COMMON, 'filter_disabled', 'filterDisabled'],
    bools: [],
  },
};

/** The strict-decoding warnings for a filter wrapper's patch value (nothing for other applyTo). */
export function checkFilterWrapper(c: Check, applyTo: string, value: unknown, at: Path): void {
  const w = Object.hasOwn(WRAPPERS, applyTo) ? WRAPPERS[applyTo] : undefined;
  if (!w || !value || typeof value !== 'object' || Array.isArray(value)) return;
  const v = obj(value);
  if (w.bools.some((k) => has(v, k) && typeof v[k] !== 'boolean')) return;
  const unknown = Object.keys(v).find((k) => !w.fields.includes(k));
  if (unknown !== undefined)
    return c.warn([...at, unknown], `Envoy filter: unknown field "${unknown}" in ${w.message}`);
  // Istio warns of any wrapper without typed_config, a MERGE of `{}` too; we say it only of a value that
  // names its filter, the one Envoy looks up by name (a lookup Envoy is removing).
  if (!CONFIG.some((k) => has(v, k)) && typeof v.name === 'string' && v.name !== '')
    c.warn([...at, 'name'], `using deprecated types by name without typed_config; ${v.name}`);
}
