// Go's encoding/json syntax check (checkValid) with its error texts, for messages Istio builds from
// json.Unmarshal errors (a RequestAuthentication's inline `jwks`).

/** Go's quoteChar: how the scanner prints the offending character. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  const s = JSON.stringify(c);
  return `'${s.slice(1, -1)}'`;
}

class JsonSyntaxError extends Error {}

/** The syntax error json.Unmarshal reports for `text`, or undefined when it is valid JSON. */
export function goJsonSyntaxError(text: string): string | undefined {
  let i = 0;
  const fail = (context: string): never => {
    if (i >= text.length) throw new JsonSyntaxError('unexpected end of JSON input');
    throw new JsonSyntaxError(`invalid character ${quoteChar(text[i])} ${context}`);
  };
  const space = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const literal = (word: string): void => {
    for (let k = 1; k < word.length; k++) {
      i++;
      if (text[i] !== word[k]) fail(`in literal ${word} (expecting ${quoteChar(word[k])})`);
    }
    i++;
  };
  const digits = (context: string): void => {
    if (!/[0-9]/.test(text[i] ?? '')) fail(context);
    while (/[0-9]/.test(text[i] ?? '')) i++;
  };
  const number = (): void => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits('in numeric literal');
    if (text[i] === '.') {
      i++;
      digits('after decimal point in numeric literal');
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits('in exponent of numeric literal');
    }
  };
  const string = (): void => {
    i++;
    for (;;) {
      const c = text[i];
      if (c === undefined) fail('');
      if (c === '"') {
        i++;
        return;
      }
      if (c < ' ') fail('in string literal');
      if (c === '\\') {
        i++;
        const e = text[i];
        if (e === 'u') {
          for (let k = 0; k < 4; k++) {
            i++;
            if (!/[0-9a-fA-F]/.test(text[i] ?? '')) fail('in \\u hexadecimal character escape');
          }
        } else if (e === undefined || !'"\\/bfnrt'.includes(e)) fail('in string escape code');
      }
      i++;
    }
  };
  // Iterative over containers so deep nesting cannot overflow the stack.
  const stack: ('{' | '[')[] = [];
  const value = (): void => {
    for (;;) {
      space();
      const c = text[i];
      if (c === '{' || c === '[') {
        i++;
        space();
        if (text[i] === (c === '{' ? '}' : ']')) {
          i++;
          return;
        }
        stack.push(c);
        if (c === '{') key();
        continue; // the container's first value
      }
      if (c === '"') string();
      else if (c === '-' || /[0-9]/.test(c ?? '')) number();
      else if (c === 't') literal('true');
      else if (c === 'f') literal('false');
      else if (c === 'n') literal('null');
      else fail('looking for beginning of value');
      return;
    }
  };
  const key = (): void => {
    space();
    if (text[i] !== '"') fail('looking for beginning of object key string');
    string();
    space();
    if (text[i] !== ':') fail('after object key');
    i++;
  };
  try {
    value();
    for (;;) {
      space();
      const top = stack[stack.length - 1];
      if (!top) break;
      const close = top === '{' ? '}' : ']';
      if (text[i] === ',') {
        i++;
        if (top === '{') key();
        value();
      } else if (text[i] === close) {
        stack.pop();
        i++;
      } else fail(top === '{' ? 'after object key:value pair' : 'after array element');
    }
    if (i < text.length) fail('after top-level value');
    return undefined;
  } catch (e) {
    if (e instanceof JsonSyntaxError) return e.message;
    throw e;
  }
}
