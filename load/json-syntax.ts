// Strict JSON syntax for .json blueprints. The YAML parser reads JSON too, but it also accepts
// what JSON does not (trailing commas, comments, single quotes, a missing value), and a .json
// file that only YAML understands breaks every other JSON tool. The scanner is iterative, so a
// deeply nested file cannot overflow the stack, and it names the first error's offset.

export interface JsonSyntaxError {
  /** UTF-16 offset into the text. */
  readonly offset: number;
  readonly message: string;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const HEX4 = /[0-9A-Fa-f]{4}/y;

/** The first syntax error of `text` as JSON (RFC 8259), or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  // The native parser is fast; only a failing text is scanned for a position and a message.
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    return scan(text) ?? { offset: 0, message: String((e as Error).message).replace(/\.$/, '') };
  }
}

type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';

function describe(c: string): string {
  if (c === '') return 'the end of the file';
  const code = c.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${c}'`;
}

function scan(text: string): JsonSyntaxError | null {
  const stack: ('{' | '[')[] = [];
  let expect: Expect = 'value';
  let i = 0;
  const n = text.length;
  const afterValue = (): Expect => (stack.length === 0 ? 'end' : 'comma-or-close');
  for (;;) {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
    const c = i < n ? text[i]! : '';
    if (c === '#' || (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*'))) {
      return { offset: i, message: 'comments are not allowed in JSON' };
    }
    switch (expect) {
      case 'end':
        if (c === '') return null;
        return { offset: i, message: `unexpected ${describe(c)} after the end of the document` };
      case 'colon':
        if (c !== ':') return { offset: i, message: `expected ':' after the key, found ${describe(c)}` };
        i++;
        expect = 'value';
        continue;
      case 'comma-or-close': {
        const open = stack[stack.length - 1]!;
        const close = open === '{' ? '}' : ']';
        if (c === ',') {
          i++;
          expect = open === '{' ? 'key' : 'value';
          continue;
        }
        if (c === close) {
          i++;
          stack.pop();
          expect = afterValue();
          continue;
        }
        if (c === '') return { offset: i, message: `unexpected end of the file: '${close}' is missing` };
        return { offset: i, message: `expected ',' or '${close}', found ${describe(c)} (a comma missing?)` };
      }
      case 'key':
      case 'key-or-close':
        if (c === '}' && expect === 'key-or-close') {
          i++;
          stack.pop();
          expect = afterValue();
          continue;
        }
        if (c === '}') return { offset: i, message: "trailing comma before '}'" };
        if (c === '"') {
          const err = string(text, i);
          if (typeof err !== 'number') return err;
          i = err;
          expect = 'colon';
          continue;
        }
        if (c === "'") return { offset: i, message: 'keys must be written in double quotes' };
        if (c === '') return { offset: i, message: "unexpected end of the file: '}' is missing" };
        return { offset: i, message: `expected a key in double quotes, found ${describe(c)}` };
      case 'value':
      case 'value-or-close': {
        if (c === ']' && expect === 'value-or-close') {
          i++;
          stack.pop();
          expect = afterValue();
          continue;
        }
        if (c === ']' || (c === '}' && stack[stack.length - 1] === '{')) return { offset: i, message: `expected a value, found ${describe(c)}` };
        if (c === '{') {
          stack.push('{');
          i++;
          expect = 'key-or-close';
          continue;
        }
        if (c === '[') {
          stack.push('[');
          i++;
          expect = 'value-or-close';
          continue;
        }
        if (c === '"') {
          const err = string(text, i);
          if (typeof err !== 'number') return err;
          i = err;
          expect = afterValue();
          continue;
        }
        if (c === "'") return { offset: i, message: 'strings must be written in double quotes' };
        if (c === '-' || (c >= '0' && c <= '9')) {
          NUMBER.lastIndex = i;
          const m = NUMBER.exec(text);
          if (!m) return { offset: i, message: 'invalid number' };
          i += m[0].length;
          expect = afterValue();
          continue;
        }
        const word = /^(true|false|null)/.exec(text.slice(i, i + 5));
        if (word) {
          i += word[1]!.length;
          expect = afterValue();
          continue;
        }
        if (c === '') return { offset: i, message: 'unexpected end of the file, expected a value' };
        const hint = /[A-Za-z_]/.test(c) ? ' (text must be in double quotes)' : '';
        return { offset: i, message: `expected a value, found ${describe(c)}${hint}` };
      }
    }
  }
}

/** Scans a string starting at its opening quote; returns the offset after it, or the error. */
function string(text: string, start: number): number | JsonSyntaxError {
  let i = start + 1;
  const n = text.length;
  while (i < n) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code === 0x5c) {
      const e = text[i + 1];
      if (e === 'u') {
        HEX4.lastIndex = i + 2;
        if (!HEX4.test(text)) return { offset: i, message: 'invalid \\u escape in a string (four hex digits expected)' };
        i += 6;
        continue;
      }
      if (e !== undefined && '"\\/bfnrt'.includes(e)) {
        i += 2;
        continue;
      }
      return { offset: i, message: `invalid escape '\\${e ?? ''}' in a string` };
    }
    if (code < 0x20) {
      return { offset: i, message: code === 0x0a ? 'line break inside a string (a closing quote missing?)' : 'control character inside a string (escape it)' };
    }
    i++;
  }
  return { offset: start, message: 'unterminated string (the closing quote is missing)' };
}
