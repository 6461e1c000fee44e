// The baseline of the CLI comparison: read a file and parse it with the `yaml` package, nothing else.
import fs from 'node:fs';
import { parseAllDocuments } from 'yaml';
const docs = parseAllDocuments(fs.readFileSync(process.argv[2], 'utf8'));
process.stdout.write(`${Array.isArray(docs) ? docs.length : 0} documents\n`);
