// Minimal glob matching for `istioLens.exclude`: `**`, `*`, `?` and `{a,b}`, matched against the
// path relative to a workspace folder, or against any path suffix when the glob is relative.
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = glob.indexOf('}', i);
      if (end < 0) {
        re += '\\{';
        continue;
      }
      re +=
        '(?:' +
        glob
          .slice(i + 1, end)
          .split(',')
          .map(escape)
          .join('|') +
        ')';
      i = end;
    } else re += escape(c);
  }
  return new RegExp(glob.startsWith('/') ? `^${re}$` : `(?:^|/)${re}$`);
}

function escape(s: string): string {
  return s.replace(/[.+^$()|[\]\\]/g, '\\$&');
}

export function isExcluded(path: string, globs: readonly RegExp[]): boolean {
  const p = path.split('\\').join('/');
  return globs.some((g) => g.test(p));
}
