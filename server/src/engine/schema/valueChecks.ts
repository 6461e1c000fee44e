// The checks of one node against its schema node: its JSON type (go-yaml's reading of a scalar), then a
// scalar's enum, format, length, pattern and numeric bounds.
import { isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import { toText } from '../util/json';
import { ANY_TYPE, T, typeNames, type SchemaNode } from './compile';
import { checkNumberFormat, checkStringFormat } from './formats';
import { closest, orList } from './suggest';
import { pathOf, type Frame } from './frame';
import type { Finding } from './finding';

const MAX_PATTERN_INPUT = 4096;

/** The JSON type a scalar has for Kubernetes (go-yaml v2 semantics), as a T bit; 0 for null. */
export function scalarType(n: Scalar, text: string): number {
  const v = n.value;
  switch (typeof v) {
    case 'string':
      return T.String;
    case 'boolean':
      return T.Boolean;
    case 'bigint':
      return T.Integer;
    case 'number': {
      // YAML 1.1 sexagesimal (`1:30`) is a number to our parser but a string to go-yaml.
      const src = n.range ? text.slice(n.range[0], Math.min(n.range[1], n.range[0] + 64)) : '';
      if (n.type === 'PLAIN' && src.includes(':')) return T.String;
      return Number.isInteger(v) && !/[.eE]/.test(src.replace(/^0x.*/i, '')) ? T.Integer : T.Number;
    }
    case 'object':
      if (v === null) return 0;
      return T.String; // timestamps, !!binary: strings in JSON
    default:
      return T.String;
  }
}

function actualName(node: Node, text: string): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const t = scalarType(node, text);
    const v = node.value;
    const shown = typeof v === 'string' ? (v.length > 40 ? `"${v.slice(0, 37)}..."` : `"${v}"`) : String(v);
    return t === T.String
      ? `string ${shown}`
      : t === T.Boolean
        ? `boolean ${shown}`
        : t === T.Integer
          ? `integer ${shown}`
          : `number ${shown}`;
  }
  return 'a value';
}

function isMetadataMap(f: Frame | null): boolean {
  return !!f && (f.seg === 'labels' || f.seg === 'annotations') && f.parent?.seg === 'metadata';
}

/** Reports a type mismatch; returns whether the node's type fits (so its insides are worth checking). */
export function checkType(f: Frame, text: string, report: (f: Finding) => void): boolean {
  const { node, schema } = f;
  if (schema.types === ANY_TYPE) return true;
  const actual = isMap(node) ? T.Object : isSeq(node) ? T.Array : isScalar(node) ? scalarType(node, text) : 0;
  if (!actual) return true;
  if ((schema.types & actual) !== 0 || (actual === T.Integer && (schema.types & T.Number) !== 0)) return true;
  if (isMetadataMap(f.parent) && isScalar(node)) {
    report({
      code: 'non-string-metadata',
      node,
      message: `${f.parent!.seg === 'labels' ? 'Label' : 'Annotation'} \`${f.seg}\` must be a string; ${actualName(node, text)} is not. Quote it: "${toText(node.value)}"`,
      data: { fix: 'quote' },
    });
    return false;
  }
  const where = pathOf(f) || 'the document';
  const asPath = pathShorthand(f, text);
  const hint =
    schema.types === T.Array && isMap(node)
      ? ' (write the entries as a list: `- key: value`)'
      : schema.types === T.Object && isSeq(node)
        ? ' (remove the leading `-`: this field is a mapping)'
        : asPath
          ? ` (a path goes under \`path\`: \`path: ${toText((node as Scalar).value)}\`)`
          : '';
  const data: Record<string, unknown> = { expected: typeNames(schema.types) };
  if (asPath) data.replacements = [asPath];
  else if (isScalar(node) && typeof node.value !== 'string' && schema.types & T.String) data.fix = 'quote';
  // `port: "80"` where an integer goes: offer the unquoted number.
  else if (
    isScalar(node) &&
    typeof node.value === 'string' &&
    schema.types & (T.Integer | T.Number) &&
    /^-?\d+(\.\d+)?$/.test(node.value.trim()) &&
    (schema.types & T.Number || !node.value.includes('.'))
  )
    data.replacements = [node.value.trim()];
  report({
    code: 'invalid-type',
    node,
    message: `${where} must be ${article(typeNames(schema.types))}, not ${actualName(node, text)}${hint}`,
    data,
  });
  return false;
}

/**
 * A string where a mapping with a string `path` field goes: the shorthand of a file or URL path that the
 * API does not take (kustomize 5's `patches: [- patch.yaml]`, an Ingress `paths: [- /api]`). The
 * mapping it meant, in flow style around the text as written.
 */
function pathShorthand(f: Frame, text: string): string | undefined {
  const { node, schema } = f;
  if (schema.types !== T.Object || !isScalar(node) || typeof node.value !== 'string') return undefined;
  const path = schema.property('path');
  if (!path || (path.types & T.String) === 0 || !node.range) return undefined;
  return `{path: ${text.slice(node.range[0], node.range[1])}}`;
}

export function article(t: string): string {
  if (t === 'object') return 'a mapping';
  if (t === 'array') return 'a list';
  if (t === 'any') return 'a value';
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}

export function checkScalar(
  node: Scalar,
  schema: SchemaNode,
  f: Frame,
  text: string,
  report: (f: Finding) => void,
): void {
  const v = node.value;
  const where = pathOf(f);
  // In istioctl's schemas an int-or-string enum is a protobuf enum: its names, or any number.
  const protoEnumNumber = schema.goJson && schema.intOrString && typeof v !== 'string';
  if (
    schema.enumValues &&
    !protoEnumNumber &&
    !schema.enumValues.some((e) => e === v || (typeof v === 'object' && toText(e) === toText(v)))
  ) {
    const allowed = schema.enumValues.filter((e) => e !== null).map(String);
    const sugg = typeof v === 'string' ? closest(v, allowed, 3) : [];
    report({
      code: 'invalid-enum',
      node,
      message: `${JSON.stringify(v)} is not allowed at ${where}; use one of ${orList(allowed.slice(0, 20))}${allowed.length > 20 ? ', ...' : ''}${sugg.length ? ` (did you mean ${sugg[0]}?)` : ''}`,
      data: { replacements: sugg, allowed },
    });
    return;
  }
  const formatError = !schema.format
    ? undefined
    : typeof v === 'string'
      ? checkStringFormat(schema.format, v)
      : typeof v === 'number'
        ? checkNumberFormat(schema.format, v)
        : undefined;
  if (formatError) {
    report({
      code: 'invalid-format',
      node,
      // Only a Secret's top-level data has a plain-text twin (stringData); a caBundle has none.
      message: `${where}: ${formatError}${schema.format === 'byte' && where.startsWith('data.') ? ' (use stringData for plain text)' : ''}`,
      data: { format: schema.format },
    });
    return;
  }
  if (typeof v === 'string') {
    if (schema.maxLength !== undefined && v.length > schema.maxLength)
      report({
        code: 'invalid-value',
        node,
        message: `${where} must be at most ${schema.maxLength} characters long (it has ${v.length})`,
        overMax: true,
      });
    else if (schema.minLength !== undefined && v.length < schema.minLength)
      report({
        code: 'invalid-value',
        node,
        message: `${where} must be at least ${schema.minLength} character${schema.minLength === 1 ? '' : 's'} long`,
      });
    else if (schema.patternSource !== undefined && v.length <= MAX_PATTERN_INPUT) {
      const re = schema.regex();
      if (re && !re.test(v))
        report({
          code: 'invalid-value',
          node,
          message: `${JSON.stringify(v.length > 60 ? v.slice(0, 57) + '...' : v)} does not match the pattern required at ${where}: ${schema.patternSource}`,
          data: { pattern: schema.patternSource },
        });
    }
  } else if (typeof v === 'number') {
    const { minimum: min, maximum: max } = schema;
    if (min !== undefined && (schema.exclusiveMinimum ? v <= min : v < min))
      report({
        code: 'invalid-value',
        node,
        message: `${where} must be ${schema.exclusiveMinimum ? 'greater than' : 'at least'} ${min}`,
      });
    else if (max !== undefined && (schema.exclusiveMaximum ? v >= max : v > max))
      report({
        code: 'invalid-value',
        node,
        message: `${where} must be ${schema.exclusiveMaximum ? 'less than' : 'at most'} ${max}`,
      });
  }
}
