// ValidateWasmPlugin and ValidateTrafficExtension (pkg/config/validation): selection, the module URL
// (Go's url.ParseRequestURI, retried with http://), sha256, size limits, VM env and port matches.
// A TrafficExtension holds either a `wasm` block (checked like a WasmPlugin) or inline `lua`.
import { parseGoUrl } from '../util/go-url';
import { arr, obj, str } from '../util/json';
import { Collector, isSet, type SpecPath } from './collect';
import { checkSelection } from './selector';
import type { KindValidator } from './types';

const bytes = (s: string): number => new TextEncoder().encode(s).length;
const URL_SCHEMES = new Set(['', 'file', 'http', 'https', 'oci']);
const LUA_MAX_BYTES = 64 * 1024;

export const validateWasmPlugin: KindValidator = (input, out) => {
  const spec = obj(input.spec);
  const c = new Collector(input, out);
  checkSelection(spec, c);
  checkModule(spec, [], c);
  checkMatch(spec.match, c);
};

export const validateTrafficExtension: KindValidator = (input, out) => {
  const spec = obj(input.spec);
  const c = new Collector(input, out);
  checkSelection(spec, c);
  const wasm = isSet(spec.wasm);
  const lua = isSet(spec.lua);
  if (wasm === lua) c.error('exactly one of wasm or lua must be set', []);
  if (wasm) checkModule(obj(spec.wasm), ['wasm'], c);
  if (lua && bytes(str(obj(spec.lua).inlineCode)) > LUA_MAX_BYTES)
    c.error('lua.inlineCode exceeds maximum size of 64KB', ['lua', 'inlineCode']);
  checkMatch(spec.match, c);
};

/** The module fields WasmPlugin and TrafficExtension.wasm share, each reporting its first problem. */
function checkModule(m: Record<string, unknown>, at: SpecPath, c: Collector): void {
  const url = urlError(str(m.url));
  if (url) c.error(url, [...at, 'url']);
  const sha = str(m.sha256);
  if (sha !== '' && bytes(sha) !== 64) c.error('sha256 field must be 64 characters long', [...at, 'sha256']);
  else if (sha !== '' && !/^[a-f0-9]*$/.test(sha))
    c.error('sha256 field must match [a-f0-9]{64} pattern', [...at, 'sha256']);
  if (bytes(str(m.imagePullSecret)) > 253)
    c.error('imagePullSecret field must be less than 253 characters long', [...at, 'imagePullSecret']);
  if (bytes(str(m.pluginName)) > 256)
    c.error('pluginName field must be less than 255 characters long', [...at, 'pluginName']);
  const env = envError(arr(obj(m.vmConfig).env));
  if (env) c.error(env.message, [...at, 'vmConfig', 'env', env.index]);
}

/** validateWasmPluginURL with strictParseURL. */
function urlError(raw: string): string | undefined {
  if (raw === '') return 'url field needs to be set';
  let u = parseGoUrl(raw, true);
  let asParsed = raw;
  if (typeof u === 'string') {
    const retried = parseGoUrl(`http://${raw}`, true);
    if (typeof retried === 'string') return `failed to parse url: ${u}`;
    u = retried;
    asParsed = `http://${raw}`;
  }
  const strict = parseGoUrl(asParsed, false);
  if (typeof strict === 'string') return `failed to strict parse url: ${strict}`;
  return URL_SCHEMES.has(u.scheme) ? undefined : `url contains unsupported scheme: ${u.scheme}`;
}

function envError(env: unknown[]): { message: string; index: number } | undefined {
  const seen = new Set<string>();
  for (let i = 0; i < env.length; i++) {
    if (!isSet(env[i])) continue;
    const e = obj(env[i]);
    const name = str(e.name);
    const fail = (message: string): { message: string; index: number } => ({ message, index: i });
    if (name === '') return fail('spec.vmConfig.env invalid');
    if (bytes(name) > 256) return fail('env.name field must be less than 255 characters long');
    if (seen.has(name)) return fail('duplicate env');
    seen.add(name);
    if ((str(e.valueFrom) || 'INLINE') !== 'INLINE' && str(e.value) !== '')
      return fail('value may only be set when valueFrom is INLINE');
  }
  return undefined;
}

/** validateWasmPluginMatch: the first null selector or port, or port out of range. */
function checkMatch(match: unknown, c: Collector): void {
  const selectors = arr(match);
  for (let i = 0; i < selectors.length; i++) {
    if (!isSet(selectors[i])) return c.error(`spec.Match[${i}] is nil`, ['match', i]);
    const ports = arr(obj(selectors[i]).ports);
    for (let j = 0; j < ports.length; j++) {
      if (!isSet(ports[j])) return c.error(`spec.Match[${i}].Ports[${j}] is nil`, ['match', i, 'ports', j]);
      const n: unknown = obj(ports[j]).number;
      const num = typeof n === 'number' ? n : 0;
      if (num <= 0 || num > 65535)
        return c.error(`spec.Match[${i}].Ports[${j}] is out of range: ${num}`, ['match', i, 'ports', j]);
    }
  }
}
