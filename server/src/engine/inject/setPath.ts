// `istioctl install --set PATH=VALUE` paths: dotted keys, `[N]` list indices, `[key:value]` selectors,
// values typed like istioctl does (booleans, integers, floats, else strings).
import type { JsonMap } from './bundle';
import { isObj, toText } from '../util/json';

export function parseSetValue(raw: string): unknown {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (/^-?\d+$/.test(raw) && Number.isSafeInteger(Number(raw))) return Number(raw);
  if (/^-?\d+\.\d+$/.test(raw)) return Number(raw);
  return raw;
}

export type PathSeg = string | number | { key: string; value: string };

export function splitPath(path: string): PathSeg[] {
  const segs: PathSeg[] = [];
  // Dots inside [..] (e.g. [name:istio.io]) do not split.
  const re = /([^.[\]]+)|\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) {
    if (m[1] !== undefined) segs.push(m[1]);
    else {
      const inner = m[2];
      const c = inner.indexOf(':');
      if (/^\d+$/.test(inner)) segs.push(Number(inner));
      else if (c > 0) segs.push({ key: inner.slice(0, c), value: inner.slice(c + 1) });
      else throw new Error(`bad path segment [${inner}] in ${path}`);
    }
  }
  if (!segs.length) throw new Error(`empty path`);
  return segs;
}

/** Sets `value` at `path` in `root`, creating maps and lists on the way. */
export function setPath(root: JsonMap, path: PathSeg[], value: unknown): void {
  let cur: unknown = root;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    const nextIsIndex = !last && typeof path[i + 1] !== 'string';
    if (typeof seg === 'string') {
      if (typeof cur !== 'object' || cur === null || Array.isArray(cur))
        throw new Error(`cannot set ${seg}: parent is not a map`);
      const o = cur as JsonMap;
      if (last) {
        o[seg] = value;
        return;
      }
      if (typeof o[seg] !== 'object' || o[seg] === null) o[seg] = nextIsIndex ? [] : {};
      cur = o[seg];
    } else if (typeof seg === 'number') {
      if (!Array.isArray(cur)) throw new Error(`cannot index [${seg}]: parent is not a list`);
      if (last) {
        cur[seg] = value;
        return;
      }
      if (typeof cur[seg] !== 'object' || cur[seg] === null) cur[seg] = nextIsIndex ? [] : {};
      cur = cur[seg];
    } else {
      if (!Array.isArray(cur))
        throw new Error(`cannot select [${seg.key}:${seg.value}]: parent is not a list`);
      let el: unknown = (cur as unknown[]).find((x) => isObj(x) && toText(x[seg.key]) === seg.value);
      if (!el) {
        el = { [seg.key]: seg.value };
        cur.push(el);
      }
      if (last) {
        cur[cur.indexOf(el)] = value;
        return;
      }
      cur = el;
    }
  }
}
