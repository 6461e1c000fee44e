import { toText } from '../../util/json';
// How Go values are modelled in JS for the template engine.
//  - Go maps are plain objects (missing key: undefined, i.e. Go's "<no value>"); string-valued maps
//    (map[string]string, e.g. annotations) are registered so a missing key reads as "".
//  - Go structs (pod spec, ObjectMeta, ProxyConfig...) are plain objects in their JSON form
//    (camelCase keys) registered as struct views: `.ServiceAccountName` reads `serviceAccountName`,
//    getters like `.GetTracing` read `tracing`, and a struct is truthy even when empty.

const structs = new WeakSet<object>();
const stringMaps = new WeakSet<object>();

/** Fields of Kubernetes/Istio structs that are Go maps, not structs. */
const MAP_FIELDS = new Set(['annotations', 'labels', 'proxyMetadata', 'nodeSelector', 'data', 'matchLabels']);

export function asStruct<T extends object>(o: T): T {
  structs.add(o);
  return o;
}
export function asStringMap<T extends object>(o: T): T {
  stringMaps.add(o);
  return o;
}
export function isStruct(o: unknown): boolean {
  return typeof o === 'object' && o !== null && structs.has(o);
}
export function isStringMap(o: unknown): boolean {
  return typeof o === 'object' && o !== null && stringMaps.has(o);
}

/** Go field name → JSON key: ServiceAccountName → serviceAccountName, HTTPGet → httpGet. */
export function jsonKey(goName: string): string {
  const m = goName.match(/^[A-Z]+/);
  if (!m) return goName;
  const run = m[0];
  if (run.length === goName.length) return goName.toLowerCase();
  if (run.length === 1) return run.toLowerCase() + goName.slice(1);
  return run.slice(0, -1).toLowerCase() + goName.slice(run.length - 1);
}

/** Reads `.Name` on a value the way text/template resolves a field, method or map key. */
export function getField(recv: unknown, name: string): unknown {
  if (recv === undefined || recv === null) return undefined; // nil-safe protobuf getters
  if (typeof recv !== 'object') {
    // Wrapper types (BoolValue.GetValue) and Stringer enums (InterceptionMode.String).
    if (name === 'GetValue' || name === 'Value' || name === 'String') return recv;
    return undefined;
  }
  const obj = recv as Record<string, unknown>;
  if (structs.has(obj)) {
    let v: unknown;
    if (Object.prototype.hasOwnProperty.call(obj, name)) v = obj[name];
    else {
      const field = name.length > 3 && name.startsWith('Get') && /[A-Z]/.test(name[3]) ? name.slice(3) : name;
      const key = jsonKey(field);
      v = Object.prototype.hasOwnProperty.call(obj, field) ? obj[field] : obj[key];
      if (typeof v === 'object' && v !== null && !structs.has(v) && !stringMaps.has(v)) {
        if (Array.isArray(v))
          structs.add(v); // elements become struct views when reached
        else if (MAP_FIELDS.has(key)) stringMaps.add(v);
        else structs.add(v);
      }
    }
    return typeof v === 'function' ? (v as () => unknown)() : v;
  }
  if (Array.isArray(obj)) return undefined;
  const v = obj[name];
  return typeof v === 'function' ? (v as () => unknown)() : v;
}

/** Elements of a struct-view slice are struct views too. */
export function element(list: unknown, v: unknown): unknown {
  if (Array.isArray(list) && structs.has(list) && typeof v === 'object' && v !== null && !Array.isArray(v))
    structs.add(v);
  return v;
}

/** Go's truth: false, 0, nil, empty string/slice/map are false; structs are true. */
export function truth(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return structs.has(v) || Object.keys(v).length > 0;
  return true;
}

/** Go's fmt %v for a float64 (strconv 'g', shortest). */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const exp = Math.floor(Math.log10(Math.abs(n)));
  return exp < -4 || exp >= 6 ? goExp(n) : String(n);
}
function goExp(n: number): string {
  const [m, e] = n.toExponential().split('e');
  const sign = e.startsWith('-') ? '-' : '+';
  const digits = e.replace(/^[+-]/, '');
  return `${m}e${sign}${digits.padStart(2, '0')}`;
}

/** fmt.Sprint of one value, as text/template prints it. */
export function printValue(v: unknown): string {
  if (v === undefined) return '<no value>';
  if (v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(inner).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (structs.has(o))
      return `{${Object.keys(o)
        .map((k) => inner(o[k]))
        .join(' ')}}`;
    return `map[${Object.keys(o)
      .sort()
      .map((k) => `${k}:${inner(o[k])}`)
      .join(' ')}]`;
  }
  return toText(v);
}
function inner(v: unknown): string {
  return v === undefined || v === null ? '<nil>' : printValue(v);
}
