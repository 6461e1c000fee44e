// Our generated schema bundle as ONE standard JSON Schema (draft-07) for yaml-language-server:
// every definition under #/definitions, and one if/then per (apiVersion, kind), so each document
// is checked against the schema of its own kind, as our engine does.
import fs from 'node:fs';
import path from 'node:path';

export function buildYlsSchema(root, outFile) {
  const dir = path.join(root, 'schemas');
  const index = JSON.parse(fs.readFileSync(path.join(dir, 'index.json'), 'utf8'));
  const key = (fileId, name) => `${fileId.replace(/\//g, '.')}:${name}`;
  const definitions = {};
  const fileIds = new Set(index.kinds.map((k) => k.schema.split('#')[0]));
  const pending = [...fileIds];
  const seen = new Set();
  while (pending.length) {
    const fileId = pending.pop();
    if (seen.has(fileId)) continue;
    seen.add(fileId);
    const file = JSON.parse(fs.readFileSync(path.join(dir, `${fileId}.json`), 'utf8'));
    const rewrite = (node) => {
      if (Array.isArray(node)) return node.map(rewrite);
      if (!node || typeof node !== 'object') return node;
      const out = {};
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && typeof v === 'string') {
          const [f, name] = v.split('#');
          const target = f || fileId;
          if (f && !seen.has(f)) pending.push(f);
          out.$ref = `#/definitions/${key(target, name)}`;
        } else if (k === 'properties' || k === 'patternProperties' || k === 'definitions') {
          out[k] = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, rewrite(s)]));
        } else out[k] = rewrite(v);
      }
      return out;
    };
    for (const [name, s] of Object.entries(file.definitions)) definitions[key(fileId, name)] = rewrite(s);
  }
  const allOf = index.kinds
    .filter((k) => k.served)
    .map((k) => {
      const [fileId, name] = k.schema.split('#');
      const apiVersion = k.group ? `${k.group}/${k.version}` : k.version;
      return {
        if: {
          properties: { apiVersion: { const: apiVersion }, kind: { const: k.kind } },
          required: ['apiVersion', 'kind'],
        },
        then: { $ref: `#/definitions/${key(fileId, name)}` },
      };
    });
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `file://${outFile}`,
    type: 'object',
    definitions,
    allOf,
  };
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, JSON.stringify(schema));
  return {
    kinds: allOf.length,
    definitions: Object.keys(definitions).length,
    bytes: fs.statSync(outFile).size,
  };
}
