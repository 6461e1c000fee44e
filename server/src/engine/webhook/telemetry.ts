// ValidateTelemetry (pkg/config/validation): selection, metrics overrides, tracing (one provider,
// sampling percentage, custom tags) and access logging (providers, CEL filter that must parse).
import { parse as parseCel } from '@bufbuild/cel';
import { arr, isObj, obj, str } from '../util/json';
import { Collector, forEachSet, isSet, type SpecPath } from './collect';
import { checkSelection } from './selector';
import type { KindValidator } from './types';

export const validateTelemetry: KindValidator = (input, out) => {
  const spec = obj(input.spec);
  const c = new Collector(input, out);
  checkSelection(spec, c);
  forEachSet(spec.metrics, 'metrics', (m, at) => checkMetrics(m, at, c));
  const tracing = arr(spec.tracing);
  if (tracing.length > 1) c.warning('multiple tracing is not currently supported', ['tracing']);
  forEachSet(tracing, 'tracing', (t, at) => checkTracing(t, at, c));
  arr(spec.accessLogging).forEach((l, i) => {
    if (!isSet(l)) return;
    const log = obj(l);
    if (isSet(log.filter)) {
      const e = celParseError(str(obj(log.filter).expression));
      if (e) c.error(`must be a valid CEL expression, ${e}`, ['accessLogging', i, 'filter', 'expression']);
    }
    checkProviders(log.providers, ['accessLogging', i, 'providers'], c);
  });
};

/** validateTelemetryProviders: the first provider without a name. */
function checkProviders(providers: unknown, at: SpecPath, c: Collector): void {
  const bad = arr(providers).findIndex((p) => !isSet(p) || str(obj(p).name) === '');
  if (bad >= 0) c.error('providers.name may not be empty', [...at, bad]);
}

function checkMetrics(m: Record<string, unknown>, at: SpecPath, c: Collector): void {
  checkProviders(m.providers, [...at, 'providers'], c);
  arr(m.overrides).forEach((o, i) => {
    const where = [...at, 'overrides', i];
    if (!isSet(o)) return c.error('tagOverrides may not be null', where);
    for (const [name, raw] of Object.entries(obj(obj(o).tagOverrides))) {
      const tag = [...where, 'tagOverrides', name];
      if (name === '') c.warning('tagOverrides.name may not be empty', tag);
      if (!isSet(raw)) {
        c.error('tagOverrides may not be null', tag);
        continue;
      }
      const op = str(obj(raw).operation) || 'UPSERT';
      const value = str(obj(raw).value);
      if (op === 'UPSERT' && value === '')
        c.error('tagOverrides.value must be set when operation is UPSERT', tag);
      if (op === 'REMOVE' && value !== '')
        c.error('tagOverrides.value may only be set when operation is UPSERT', tag);
    }
    const match = obj(obj(o).match);
    if ('customMetric' in match && str(match.customMetric) === '')
      c.error('customMetric may not be empty', [...where, 'match', 'customMetric']);
  });
}

function checkTracing(t: Record<string, unknown>, at: SpecPath, c: Collector): void {
  const providers = arr(t.providers);
  if (providers.length > 1) c.warning('multiple providers is not currently supported', [...at, 'providers']);
  checkProviders(providers, [...at, 'providers'], c);
  const pct = t.randomSamplingPercentage;
  if (typeof pct === 'number' && (pct < 0 || pct > 100))
    c.error('randomSamplingPercentage must be in range [0.0, 100.0]', [...at, 'randomSamplingPercentage']);
  for (const [name, tag] of Object.entries(obj(t.customTags))) {
    const where = [...at, 'customTags', name];
    if (name === '') c.error('tag name may not be empty', where);
    if (!isObj(tag)) {
      c.error(`tag '${name}' may not have a nil value`, where);
      continue;
    }
    if (isSet(tag.literal) && str(obj(tag.literal).value) === '')
      c.error('literal tag value may not be empty', where);
    else if (isSet(tag.header) && str(obj(tag.header).name) === '')
      c.error('header tag name may not be empty', where);
    else if (isSet(tag.environment) && str(obj(tag.environment).name) === '')
      c.error('environment tag name may not be empty', where);
  }
}

/** cel-go's Parse: a syntax error makes the filter invalid (no type check: Istio only parses it). */
function celParseError(expression: string): string | undefined {
  try {
    parseCel(expression);
    return undefined;
  } catch (e) {
    return `ERROR: ${e instanceof Error ? e.message : String(e)}`;
  }
}
