// The `yaml` package as its ES module build in every bundle. Node resolves `yaml` to its CommonJS
// build, which esbuild wraps: each call of an import (isMap, isScalar... on every AST node) then goes
// through a getter, about a tenth of `istio-lens check` on a large file. The ES build is the same code.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const YAML_ESM_ALIAS = { yaml: path.join(root, 'node_modules', 'yaml', 'browser', 'index.js') };
