// Parsing never fails: whatever the text, we return a ParsedFile whose documents carry their own
// errors. Every feature (rules, analyzers, injection, services) works from this one parse.
import { isMap, Schema, YAMLWarning, type Document, type YAMLError, type YAMLMap } from 'yaml';
import { isTemplated } from './templated';
import { LineIndex } from './lineIndex';
import { parseDocuments, rememberSegments } from './segments';
import { mapGetValue, scalarString } from './nodes';
import { goYamlTags } from './goyaml';
import { commentOut, isSopsCiphertext, linePlaceholders, percentPlaceholderAt } from '../util/placeholder';
import { hereDocuments, type HereDocument } from './hereDocument';
import { fixKustomizationHeader, isKustomizationUri } from './kustomizationFile';

export interface ResourceHeader {
  apiVersion: string;
  kind: string;
  /** API group ('' for the core group). */
  group: string;
  version: string;
  name: string | null;
  /** As written; null when the manifest has no metadata.namespace. */
  namespace: string | null;
  root: YAMLMap;
}

export interface ParsedDoc {
  index: number;
  ast: Document.Parsed;
  /** Offsets of the document in the file. */
  start: number;
  end: number;
  /** Contains Go/Helm template syntax: we do not judge it. */
  templated: boolean;
  /**
   * Set when the document is a Kubernetes resource (has string apiVersion and kind), and for the first
   * document of a kustomization file, whose missing apiVersion or kind kustomize fills in
   * (`kustomizationFile.ts`): the workspace's resources are read from the written header, so such a
   * document is validated, never a workspace resource.
   */
  resource: ResourceHeader | null;
}

/** A failure of the parser itself (not a YAML error): reported, never thrown. */
export interface ParseFailure {
  message: string;
  offset: number;
}

export interface ParsedFile {
  uri: string;
  version: number;
  text: string;
  lines: LineIndex;
  docs: ParsedDoc[];
  failure: ParseFailure | null;
}

export const PARSE_OPTIONS = {
  // Kubernetes reads manifests with go-yaml v2 (YAML 1.1): `yes`, `on` are booleans there too.
  version: '1.1',
  // ...but go-yaml resolves scalars its own way (resolve.go): no base-60 numbers (`1:30` is a string),
  // and integers take Go's prefixes (`0o17`, `0X1F`, `0B101`).
  customTags: goYamlTags,
  uniqueKeys: false, // the duplicate-key rule reports them, with the first occurrence
  prettyErrors: false,
  keepSourceTokens: false,
  merge: true,
  // A collection used as a key makes yaml warn on the console when a document becomes JS: the engine
  // does no I/O, and its findings are diagnostics (duplicate-key, the schema's), not log lines.
  logLevel: 'error',
} as const;

/** Built once, not per document (see parseDocuments): the schema `new Document` builds for version 1.1. */
const PARSE = {
  options: PARSE_OPTIONS,
  sharedSchema: {
    ...PARSE_OPTIONS,
    schema: new Schema({ resolveKnownTags: false, schema: 'yaml-1.1', ...PARSE_OPTIONS }),
  },
};

/**
 * Parses a file. Pass the previous version's parse as `prev` (the server does) to re-parse only the
 * documents that changed; `prev` is consumed: its unchanged documents move into the new parse.
 */
const docInfo = new WeakMap<Document.Parsed, { templated: boolean; resource: ResourceHeader | null }>();

export function parseFile(uri: string, text: string, version = 0, prev?: ParsedFile): ParsedFile {
  const lines = new LineIndex(text);
  const file: ParsedFile = { uri, version, text, lines, docs: [], failure: null };
  let asts: Document.Parsed[];
  try {
    const parsed = parseDocuments(text, PARSE, prev); // the parser handles a BOM itself, offsets intact
    asts = parsed.asts;
    const templated = asts.some((a) => a.errors.length) ? withLinesAsComments(text, asts) : undefined;
    if (templated) asts = templated;
    rememberSegments(file, templated ? undefined : parsed.segments);
  } catch (e) {
    file.failure = { message: parserFailureMessage(e), offset: 0 };
    return file;
  }
  const kustomization = isKustomizationUri(uri);
  asts.forEach((ast, index) => {
    const [start, , end] = ast.range;
    let info = docInfo.get(ast); // a document the incremental parser kept needs no second look
    if (!info) {
      clarifyExhaustion(ast);
      setPlaceholdersApart(ast, text);
      const header = resourceHeader(ast);
      // A name can never contain `{{`: a quoted `name: "{{ .Values.name }}"` is a Helm template too.
      const templated =
        isTemplated(ast, text, start, end) || /\{\{/.test((header?.name ?? '') + (header?.namespace ?? ''));
      docInfo.set(ast, (info = { templated, resource: templated ? null : header }));
    }
    // kustomize decodes only the first document of a kustomization, and fills in its header.
    const resource =
      kustomization && index === 0 && !info.templated
        ? resourceHeader(ast, fixKustomizationHeader)
        : info.resource;
    file.docs.push({ index, ast, start, end, templated: info.templated, resource });
  });
  return file;
}

/**
 * A plain value that starts with a `%VAR%` marker (`host: %HOST%`) breaks YAML (no plain value starts
 * with `%`), but the file is a template whose substitution removes the error, and the parser keeps the
 * text as a string: the error moves to the document's warnings, marked, so the document is checked as
 * well-formed and yaml-syntax reports it as information. Any other error stays.
 */
function setPlaceholdersApart(ast: Document.Parsed, text: string): void {
  const apart = ast.errors.filter(
    (e) => e.code === 'BAD_SCALAR_START' && percentPlaceholderAt(text, e.pos[0]) > 0,
  );
  if (!apart.length) return;
  for (const e of apart) placeholderErrors.add(e);
  ast.errors = ast.errors.filter((e) => !placeholderErrors.has(e));
  ast.warnings.push(...apart);
}

const placeholderErrors = new WeakSet<YAMLError>();

/** A syntax error only a template placeholder causes (kept in the document's warnings). */
export const isPlaceholderSyntax = (e: YAMLError): boolean => placeholderErrors.has(e);

/**
 * Lines that are no YAML of what is applied: a line that is only an envsubst placeholder
 * (`  ${GW_ADDRESSES_YAML}`, util/placeholder.ts), a template a script fills with YAML lines before apply,
 * and the two lines of a shell here-document around a manifest (`cat <<EOF | kubectl apply -f -` and `EOF`,
 * parse/hereDocument.ts), which feed the YAML between them to the command. When the parse fails, the file
 * is parsed again with those lines read as comments, and kept if that removes errors. Each placeholder line
 * becomes a marked warning of its document (yaml-syntax reports it as information), each here-document one
 * marked warning on its opening line (yaml-syntax reports it as an error: the file is no YAML as written),
 * and the rest of the file is checked as written.
 */
function withLinesAsComments(text: string, asts: Document.Parsed[]): Document.Parsed[] | undefined {
  const placeholders = linePlaceholders(text);
  const heredocs = hereDocuments(text);
  if (!placeholders.length && !heredocs.length) return undefined;
  const spans = [...placeholders, ...heredocs.flatMap((h) => [h.opener, h.closer])].sort(
    (a, b) => a[0] - b[0],
  );
  const again = parseDocuments(commentOut(text, spans), PARSE).asts;
  const errors = (list: Document.Parsed[]) => list.reduce((n, a) => n + a.errors.length, 0);
  if (errors(again) >= errors(asts)) return undefined;
  const docAt = (offset: number) =>
    again.find((a) => a.range[0] <= offset && offset < a.range[2]) ?? again[again.length - 1];
  for (const [start, end] of placeholders) {
    const w = new YAMLWarning(
      [start, end],
      'UNEXPECTED_TOKEN',
      'A line holding only a placeholder is no YAML as written; the YAML substituted for it is',
    );
    placeholderErrors.add(w);
    docAt(start)?.warnings.push(w);
  }
  for (const h of heredocs) {
    const w = new YAMLWarning(h.opener, 'UNEXPECTED_TOKEN', hereDocumentMessage(text, h));
    hereDocumentLines.add(w);
    // The first document after the line: the comment belongs to the document it precedes.
    (again.find((a) => h.opener[0] < a.range[2]) ?? again[again.length - 1])?.warnings.push(w);
  }
  return again;
}

function hereDocumentMessage(text: string, h: HereDocument): string {
  const closing = text.slice(0, h.closer[0]).split('\n').length;
  return (
    `This line opens a shell here-document, closed by \`${h.word}\` on line ${closing}: the file is a shell ` +
    'command, not YAML, and kubectl or istioctl given the file (-f) cannot read it. The YAML between the ' +
    'two lines, which the command reads, is checked'
  );
}

const hereDocumentLines = new WeakSet<YAMLError>();

/** The opening line of a shell here-document around YAML (kept in its document's warnings). */
export const isHereDocumentLine = (e: YAMLError): boolean => hereDocumentLines.has(e);

/** The parser reports a stack overflow on deep nesting as "Maximum call stack size exceeded": say what it means. */
function clarifyExhaustion(ast: Document.Parsed): void {
  for (const e of ast.errors) {
    if (e.code === 'RESOURCE_EXHAUSTION')
      e.message = 'The YAML is nested too deeply to analyze; the content below this point is ignored';
  }
}

function parserFailureMessage(e: unknown): string {
  if (e instanceof RangeError) return 'The YAML is nested too deeply to analyze';
  return `The YAML could not be parsed: ${e instanceof Error ? e.message : String(e)}`;
}

/** The group and version of an apiVersion (`apps/v1` → apps, v1; `v1` → '', v1). */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** The document's header; `fill` completes a partial one (or none) where the reading tool does. */
export function resourceHeader(
  ast: Document.Parsed,
  fill?: (apiVersion: string | undefined, kind: string | undefined) => { apiVersion: string; kind: string },
): ResourceHeader | null {
  const root = ast.contents;
  if (!isMap(root)) return null;
  let apiVersion = scalarString(mapGetValue(root, 'apiVersion'));
  let kind = scalarString(mapGetValue(root, 'kind'));
  if ((!apiVersion || !kind) && fill) ({ apiVersion, kind } = fill(apiVersion, kind));
  if (apiVersion === undefined || kind === undefined) return null;
  // SOPS encrypts every value unless told otherwise: what the document is shows once it is decrypted.
  if (isSopsCiphertext(apiVersion) || isSopsCiphertext(kind)) return null;
  const { group, version } = splitApiVersion(apiVersion);
  const metadata = mapGetValue(root, 'metadata');
  const meta = isMap(metadata) ? metadata : undefined;
  return {
    apiVersion,
    kind,
    group,
    version,
    root,
    name: (meta && scalarString(mapGetValue(meta, 'name'))) ?? null,
    namespace: (meta && scalarString(mapGetValue(meta, 'namespace'))) ?? null,
  };
}
