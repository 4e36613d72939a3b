/**
 * Parsing a file's text as JSON for a usage error that names the problem without quoting the
 * file: V8's own message quotes the text around the mistake (`Unexpected token '#', "# mc\n\n..."
 * is not valid JSON`), which puts a README's lines, or a binary file's bytes, on the terminal.
 */

/** Why a file could not be read, in words: Node's message without its code (`ENOENT: no such file ...`). */
export function readFailure(e: unknown): string {
  return e instanceof Error ? e.message.replace(/^[A-Z]+: /, '') : String(e);
}

/** A JSON object (not null, not an array): what a file's fields are read from. */
export const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

export type JsonParse = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly why: string };

export function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    if (text.trim() === '') return { ok: false, why: 'not valid JSON (it is empty)' };
    const at = jsonErrorPosition(text) ?? positionInMessage(e);
    return { ok: false, why: at === undefined ? 'not valid JSON' : `not valid JSON (at position ${at})` };
  }
}

/** V8 names the position for some mistakes (`... in JSON at position 7`), not for an unexpected token. */
function positionInMessage(e: unknown): number | undefined {
  const m = e instanceof Error ? /at position (\d+)/.exec(e.message) : null;
  return m ? Number(m[1]) : undefined;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/**
 * Where the first mistake in `text` is (RFC 8259), as a UTF-16 offset as JSON.parse counts; its
 * length when the text ends before the value does; undefined when the text is JSON after all.
 * Iterative, so that deep nesting cannot overflow the stack.
 */
export function jsonErrorPosition(text: string): number | undefined {
  let i = 0;
  const skip = () => {
    while (i < text.length && WHITESPACE.has(text[i]!)) i++;
  };
  /** A string starting at i (a `"`): true and i past it, or false and i at the mistake. */
  const string = (): boolean => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c === 0x5c) {
        i++;
        if (text[i] === 'u') {
          for (let k = 0; k < 4; k++) {
            i++;
            if (!/[0-9a-fA-F]/.test(text[i] ?? '')) return false;
          }
          i++;
        } else {
          if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) return false;
          i++;
        }
      } else if (c < 0x20) {
        return false;
      } else {
        i++;
      }
    }
    return false;
  };
  const digits = (): boolean => {
    const from = i;
    while (i < text.length && text[i]! >= '0' && text[i]! <= '9') i++;
    return i > from;
  };
  /** A number at i, to the first character that cannot continue it. */
  const number = (): boolean => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else if (!digits()) return false;
    if (text[i] === '.') {
      i++;
      if (!digits()) return false;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!digits()) return false;
    }
    return true;
  };
  /** A scalar or the opening of a container at i; false with i at the mistake. */
  const stack: ('{' | '[')[] = [];
  const value = (): boolean => {
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      return true;
    }
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (c !== word[0]) continue;
      for (const ch of word) {
        if (text[i] !== ch) return false;
        i++;
      }
      return true;
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    return false;
  };

  // Each turn: expect a value (after `[`, `,` or `:`, or at the start), then what may follow it.
  let expectValue = true;
  let justOpened = false;
  for (;;) {
    skip();
    if (expectValue) {
      const top = stack[stack.length - 1];
      // `{}` and `[]`: the container may close at once.
      if (justOpened && ((top === '{' && text[i] === '}') || (top === '[' && text[i] === ']'))) {
        stack.pop();
        i++;
        justOpened = false;
        expectValue = false;
        continue;
      }
      if (justOpened && top === '{') {
        // A key: a string, then `:`.
        if (text[i] !== '"' || !string()) return i;
        skip();
        if (text[i] !== ':') return i;
        i++;
        skip();
      }
      justOpened = false;
      const before = stack.length;
      if (!value()) return i;
      if (stack.length > before) {
        justOpened = true;
        continue;
      }
      expectValue = false;
      continue;
    }
    const top = stack[stack.length - 1];
    if (top === undefined) return i < text.length ? i : undefined;
    const c = text[i];
    if (c === ',') {
      i++;
      if (top === '{') {
        skip();
        if (text[i] !== '"' || !string()) return i;
        skip();
        if (text[i] !== ':') return i;
        i++;
      }
      expectValue = true;
      continue;
    }
    if ((top === '{' && c === '}') || (top === '[' && c === ']')) {
      stack.pop();
      i++;
      continue;
    }
    return i;
  }
}
