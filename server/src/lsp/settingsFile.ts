// Reads a file a setting points at. Relative paths resolve inside the first workspace folder and may
// not climb out of it; absolute paths come only from machine-scoped settings (the client guarantees it).
import fs from 'node:fs';
import path from 'node:path';

export type FileRead = { name: string; text: string } | { error: string };

export function readSettingFile(setting: string, value: string, folders: readonly string[]): FileRead {
  let file: string;
  if (path.isAbsolute(value)) file = value;
  else {
    const root = folders[0];
    if (!root) return { error: `${setting} ${value} is relative but no workspace folder is open` };
    file = path.resolve(root, value);
    if (path.relative(root, file).startsWith('..'))
      return { error: `${setting} ${value} points outside the workspace` };
  }
  try {
    return { name: file, text: fs.readFileSync(file, 'utf8') };
  } catch (e) {
    return { error: `${setting}: cannot read ${file}: ${(e as Error).message}` };
  }
}
