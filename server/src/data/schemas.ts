// Loads the committed schema bundle (schemas/) for the engine. Only index.json is read up front
// (~60 KB); each definition file is read the first time a document needs it.
import fs from 'node:fs';
import { bundlePath } from './root';
import { SchemaRegistry } from '../engine/schema/registry';
import type { BundleFile, BundleIndex } from '../engine/schema/bundle';

let shared: SchemaRegistry | undefined;

/** A registry over the bundle in `dir` (default: the installed schemas/ folder). */
export function loadSchemaRegistry(dir = bundlePath('schemas')): SchemaRegistry {
  const index = JSON.parse(fs.readFileSync(`${dir}/index.json`, 'utf8')) as BundleIndex;
  return new SchemaRegistry(index, (fileId) => {
    if (!/^[\w.-]+\/[\w.-]+$/.test(fileId)) return undefined; // ids come from the bundle; never a path outside it
    return JSON.parse(fs.readFileSync(`${dir}/${fileId}.json`, 'utf8')) as BundleFile;
  });
}

/** One registry per process (server, CLI, tests): its caches are shared by every check. */
export function schemaRegistry(): SchemaRegistry {
  return (shared ??= loadSchemaRegistry());
}
