// The chart's rendered `mesh`, and the PROXY_CONFIG the injector writes from a pod's ProxyConfig.
// Defaults and layering live in ../mesh (one module for analysis and injection).
import { parse } from 'yaml';
import { defaultProxyConfig, writeMessage } from '../mesh';
import type { JsonMap } from './bundle';
import { compileTemplate, goJson, mergeOverwrite } from './gotemplate';
import { isObj } from '../util/json';

/** Renders the chart's `mesh` definition with the chart values, then merges `.Values.meshConfig` (as the chart does). */
export function renderChartMesh(meshTemplate: string, chartValues: JsonMap): JsonMap {
  const tpl = compileTemplate('mesh', meshTemplate, {
    fromYaml: (s) => (parse(typeof s === 'string' ? s : '') as unknown) ?? {},
  });
  const text = tpl.execute(
    { Values: chartValues, Release: { Namespace: 'istio-system', Name: 'istiod', Service: 'Helm' } },
    'mesh',
  );
  const rendered = (parse(text) ?? {}) as JsonMap;
  return mergeOverwrite(rendered, isObj(chartValues.meshConfig) ? chartValues.meshConfig : {});
}

// cleanProxyConfig (pkg/kube/inject/template.go) drops these when they equal DefaultProxyConfig()'s.
const CLEANED = [
  'configPath',
  'binaryPath',
  'controlPlaneAuthPolicy',
  'serviceCluster',
  'drainDuration',
  'terminationDrainDuration',
  'parentShutdownDuration',
  'discoveryAddress',
  'envoyMetricsService',
  'envoyAccessLogService',
  'tracing',
  'proxyAdminPort',
  'statNameLength',
  'statusPort',
  'concurrency',
];

/** Equal as protojson writes them (proto.Equal on the field): "45s" and "45.000s" are the same duration. */
function sameField(k: string, a: unknown, b: unknown): boolean {
  return JSON.stringify(writeMessage({ [k]: a })) === JSON.stringify(writeMessage({ [k]: b }));
}

/**
 * protoToJSON(cleanProxyConfig(pc)): the pod's ProxyConfig without the fields equal to the defaults,
 * written by protojson (declaration order, camelCase names, zero values omitted but set wrappers kept,
 * map keys sorted).
 */
export function proxyConfigJson(pc: JsonMap): string {
  const defaults = defaultProxyConfig();
  const cleaned: JsonMap = { ...pc };
  for (const k of CLEANED) if (k in cleaned && sameField(k, cleaned[k], defaults[k])) delete cleaned[k];
  if (isObj(cleaned.proxyMetadata) && !Object.keys(cleaned.proxyMetadata).length)
    delete cleaned.proxyMetadata;
  return goJson(writeMessage(cleaned));
}
