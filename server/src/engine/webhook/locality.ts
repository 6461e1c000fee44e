// agent.ValidateLocalityLbSetting: distribute weights and localities, failover regions. Shared by
// MeshConfig.localityLbSetting and a DestinationRule's load balancer.
import { arr, obj, str } from '../util/json';
import { type Collector, type SpecPath } from './collect';

const TOPOLOGY_LABELS = [
  'topology.kubernetes.io/region',
  'topology.kubernetes.io/zone',
  'topology.istio.io/subzone',
];

export function checkLocalityLbSetting(lb: unknown, hasOutlier: boolean, at: SpecPath, c: Collector): void {
  if (lb === undefined || lb === null) return;
  const s = obj(lb);
  const distribute = arr(s.distribute);
  const failover = arr(s.failover);
  const priority = arr(s.failoverPriority).map(str);
  if (distribute.length && failover.length)
    return c.error("can not simultaneously specify 'distribute' and 'failover'", at);
  if (failover.length && priority.length) {
    const label = priority.find((l) => TOPOLOGY_LABELS.includes(l));
    if (label)
      return c.error(
        `can not simultaneously set 'failover' and topology label '${label}' in 'failover_priority'`,
        [...at, 'failoverPriority'],
      );
  }
  const sources: string[] = [];
  for (let i = 0; i < distribute.length; i++) {
    const d = obj(distribute[i]);
    sources.push(str(d.from));
    let total = 0;
    const dests = Object.entries(obj(d.to));
    for (const [, w] of dests) {
      const weight = typeof w === 'number' ? w : 0;
      if (weight <= 0 || weight > 100)
        return c.error('locality weight must be in range [1, 100]', [...at, 'distribute', i, 'to']);
      total += weight;
    }
    if (total !== 100)
      return c.error(`total locality weight ${total} != 100`, [...at, 'distribute', i, 'to']);
    const e = localitiesError(dests.map(([k]) => k));
    if (e) c.error(e, [...at, 'distribute', i, 'to']);
  }
  const e = localitiesError(sources);
  if (e) c.error(e, [...at, 'distribute']);
  if ((failover.length || priority.length) && !hasOutlier)
    c.warning('outlier detection policy must be provided for failover', at);
  failover.forEach((f, i) => {
    const from = str(obj(f).from);
    const to = str(obj(f).to);
    const where = [...at, 'failover', i];
    if (from === to) c.error('locality lb failover settings must specify different regions', where);
    if (from.includes('/') || to.includes('/')) c.error('locality lb failover only specify region', where);
    if (from.includes('*') || to.includes('*'))
      c.error("locality lb failover region should not contain '*' wildcard", where);
  });
}

/** validateLocalities: wildcards only at the end, no empty parts, no overlaps. */
function localitiesError(localities: string[]): string | undefined {
  const seen = new Map<string, Map<string, Set<string>>>();
  for (const loc of localities) {
    const stars = loc.split('*').length - 1;
    if (stars > 0 && (stars > 1 || !loc.endsWith('*')))
      return `locality ${loc} wildcard '*' number can not exceed 1 and must be in the end`;
    const overlap = `locality ${loc} overlap with previous specified ones`;
    if (seen.has('*')) return overlap;
    const items = splitN(loc, '/', 3);
    if (items.some((x) => x === '')) return `locality ${loc} must not contain empty region/zone/subzone info`;
    const [region, zone, sub] = items;
    const zones = seen.get(region);
    if (items.length === 1) {
      if (zones) return overlap;
      seen.set(region, new Map([['*', new Set(['*'])]]));
    } else if (!zones) seen.set(region, new Map([[zone, new Set([items.length === 2 ? '*' : sub])]]));
    else {
      if (zones.has('*')) return overlap;
      const subs = zones.get(zone);
      if (items.length === 2) {
        if (subs) return overlap;
        zones.set(zone, new Set(['*']));
      } else if (!subs) zones.set(zone, new Set([sub]));
      else {
        if (subs.has('*') || subs.has(sub)) return overlap;
        subs.add(sub);
      }
    }
  }
  return undefined;
}

/** Go's strings.SplitN. */
function splitN(s: string, sep: string, n: number): string[] {
  const parts = s.split(sep);
  return parts.length <= n ? parts : [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}
