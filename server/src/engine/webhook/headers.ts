// Header-name and header-value checks of pkg/config/validation (validation.go,
// header_value_validator.go: a port of Envoy's header formatter parser).
import { goQuote } from '../util/goQuote';
import { obj } from '../util/json';
import { type Check, type Path, entries, list, s } from './check';

const VALID_HEADER_NAME = /^[!#$%&'*+\-.^_`|~A-Za-z0-9]+$/;
const STRICT_HEADER_NAME = /^[-A-Za-z0-9]+$/;
const PSEUDO_HEADERS = new Set([':method', ':scheme', ':authority', ':path', ':status']);

const invalidName = (name: string): string => `header name ${name} is not a valid header name`;

/** jwt.ToRoutingClaim(name).Match: `@request.auth.claims.a.b` or `@request.auth.claims[a][b]`. */
export function isJwtClaimRoute(name: string): boolean {
  const prefix = '@request.auth.claims';
  if (!name.toLowerCase().startsWith(prefix)) return false;
  const rest = name.slice(prefix.length);
  return (
    (rest.startsWith('.') && rest.length > 1) ||
    (rest.startsWith('[') && rest.endsWith(']') && rest.length > 2)
  );
}

export function headerNameOrJwtClaimError(name: string): string | null {
  if (name === '') return 'header name cannot be empty';
  if (isJwtClaimRoute(name) || PSEUDO_HEADERS.has(name)) return null;
  return VALID_HEADER_NAME.test(name) ? null : invalidName(name);
}

export function corsHeaderNameError(name: string): string | null {
  if (name === '') return 'header name cannot be empty';
  if (name === '*') return null;
  return VALID_HEADER_NAME.test(name) ? null : invalidName(name);
}

export function strictHeaderNameError(name: string): string | null {
  if (name === '') return 'header name cannot be empty';
  return STRICT_HEADER_NAME.test(name) ? null : invalidName(name);
}

const isInternalHeader = (k: string): boolean => k.startsWith(':') || k.toLowerCase() === 'host';
export const isAuthorityHeader = (k: string): boolean =>
  k.toLowerCase() === ':authority' || k.toLowerCase() === 'host';

/** ValidateHTTPHeaderWithAuthorityOperationName: request add/set. */
function withAuthorityOperationNameError(name: string): string | null {
  if (name === '') return 'header name cannot be empty';
  return isInternalHeader(name) && !isAuthorityHeader(name)
    ? `invalid header ${goQuote(name)}: header cannot have ":" prefix`
    : null;
}

/** ValidateHTTPHeaderOperationName: request remove, response add/set/remove. */
function operationNameError(name: string): string | null {
  if (name === '') return 'header name cannot be empty';
  if (name.toLowerCase() === 'host') return `invalid header ${goQuote(name)}: cannot set Host header`;
  return isInternalHeader(name) ? `invalid header ${goQuote(name)}: header cannot have ":" prefix` : null;
}

/** ValidateHTTPHeaderValue */
export function headerValueError(value: string): string | null {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what Envoy refuses
  if (!/^[^\u0000-\u0008\u000A-\u001F\u007F]*$/.test(value))
    return `header value configuration ${value} is invalid`;
  const err = envoyHeaderFormatError(value);
  return err ? `header value configuration: ${err}` : null;
}

const enum St {
  Literal,
  VarName,
  ExpectArray,
  ExpectString,
  Str,
  ExpectDelimOrEnd,
  ExpectArgsEnd,
  ExpectVarEnd,
}

function envoyHeaderFormatError(v: string): string | null {
  let state = St.Literal;
  for (let pos = 0; pos < v.length; pos++) {
    const ch = v[pos];
    const hasNext = pos + 1 < v.length;
    switch (state) {
      case St.Literal:
        if (ch !== '%') break;
        if (!hasNext) return 'invalid header configuration. Un-escaped %';
        if (v[pos + 1] === '%') pos++;
        else state = St.VarName;
        break;
      case St.VarName:
        if (ch === '%') state = St.Literal;
        else if (ch === '(') state = St.ExpectArray;
        break;
      case St.ExpectArray:
        if (ch === '[') state = St.ExpectString;
        else if (ch !== ' ') state = St.Str;
        break;
      case St.ExpectDelimOrEnd:
        if (ch === ',') state = St.ExpectString;
        else if (ch === ']') state = St.ExpectArgsEnd;
        else if (ch !== ' ') return "invalid header configuration. Expecting ',', ']', or whitespace";
        break;
      case St.ExpectString:
        if (ch === '"') state = St.Str;
        else if (ch !== ' ') return `invalid header configuration. Expecting '"'`;
        break;
      case St.Str:
        if (ch === '\\') {
          if (!hasNext) return 'invalid header configuration. Un-terminated backslash in JSON string';
          pos++;
        } else if (ch === ')') state = St.ExpectVarEnd;
        else if (ch === '"') state = St.ExpectDelimOrEnd;
        break;
      case St.ExpectArgsEnd:
        if (ch === ')') state = St.ExpectVarEnd;
        else if (ch !== ' ')
          return "invalid header configuration. Expecting ')' or whitespace after '{}', but found '{}'";
        break;
      case St.ExpectVarEnd:
        if (ch === '%') state = St.Literal;
        else if (ch !== ' ') return "invalid header configuration. Expecting '%' or whitespace after";
        break;
    }
  }
  return state === St.Literal
    ? null
    : `invalid header configuration. Un-terminated variable expression '${v}'`;
}

/** The header manipulations of a route or route destination (`headers.request/response.add/set/remove`). */
export function checkHeaderOperations(c: Check, headers: unknown, at: Path): void {
  const h = obj(headers);
  for (const side of ['request', 'response'] as const) {
    const ops = obj(h[side]);
    const nameError = side === 'request' ? withAuthorityOperationNameError : operationNameError;
    for (const op of ['add', 'set'] as const)
      for (const [name, val] of entries(ops[op])) {
        c.error([...at, side, op, name], nameError(name));
        c.error([...at, side, op, name], headerValueError(s(val)));
      }
    list(ops.remove).forEach((name, i) => c.error([...at, side, 'remove', i], operationNameError(s(name))));
  }
}
