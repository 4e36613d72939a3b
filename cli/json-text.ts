/**
 * Parsing a file's text as JSON for a usage error that names the problem without quoting the
 * file: V8's own message quotes the text around the mistake (`Unexpected token '#', "# mc\n\n..."
 * is not valid JSON`), which puts a README's lines, or a binary file's bytes, on the terminal, and
 * for most mistakes gives no position. Where the mistake is, and what it is, comes from
 * jsonc-parser (VS Code's JSON scanner) in strict JSON mode, as a line and column an editor can go to.
 */
import { parse as scanJson, ParseErrorCode, type ParseError } from 'jsonc-parser';

/** Why a file could not be read, in words: Node's message without its code (`ENOENT: no such file ...`). */
export function readFailure(e: unknown): string {
  return e instanceof Error ? e.message.replace(/^[A-Z]+: /, '') : String(e);
}

/** A JSON object (not null, not an array): what a file's fields are read from. */
export const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A value of a file as said in a message: a short string quoted (cut at 40 characters), anything else by its type. */
export function shortly(value: unknown): string {
  if (typeof value !== 'string') return value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
}

export type JsonParse = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly why: string };

/** JSON.parse decides; on a mistake, the first one is located and named. */
export function parseJson(text: string): JsonParse {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    if (text.trim() === '') return { ok: false, why: 'not valid JSON (it is empty)' };
    const at = firstMistake(text);
    return { ok: false, why: at === undefined ? 'not valid JSON' : `not valid JSON (line ${at.line}, column ${at.column}: ${at.what})` };
  }
}

/** What each of the scanner's findings is, in words. */
const MISTAKES: Readonly<Record<ParseErrorCode, string>> = {
  [ParseErrorCode.InvalidSymbol]: 'no JSON value starts with this character',
  [ParseErrorCode.InvalidNumberFormat]: 'a malformed number',
  [ParseErrorCode.PropertyNameExpected]: 'a property name ("...") expected',
  [ParseErrorCode.ValueExpected]: 'a value expected',
  [ParseErrorCode.ColonExpected]: "':' expected",
  [ParseErrorCode.CommaExpected]: "',' expected",
  [ParseErrorCode.CloseBraceExpected]: "'}' expected",
  [ParseErrorCode.CloseBracketExpected]: "']' expected",
  [ParseErrorCode.EndOfFileExpected]: 'more text after the JSON value',
  [ParseErrorCode.InvalidCommentToken]: 'a comment, which JSON does not allow',
  [ParseErrorCode.UnexpectedEndOfComment]: 'a comment that does not end',
  [ParseErrorCode.UnexpectedEndOfString]: 'a string that does not end on its line',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'a number cut short',
  [ParseErrorCode.InvalidUnicode]: 'a bad \\u escape',
  [ParseErrorCode.InvalidEscapeCharacter]: 'a bad escape in a string',
  [ParseErrorCode.InvalidCharacter]: 'a control character in a string',
};

export interface JsonMistake {
  /** 1-based, as editors count. */
  readonly line: number;
  /** 1-based, in UTF-16 code units, as JSON.parse and editors count. */
  readonly column: number;
  readonly what: string;
}

/** The first mistake in `text` read as strict JSON (RFC 8259), or undefined when the scanner finds none. */
export function firstMistake(text: string): JsonMistake | undefined {
  const errors: ParseError[] = [];
  try {
    scanJson(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch (e) {
    // The parser descends by recursion: text nested thousands deep exhausts the stack.
    if (e instanceof RangeError) return undefined;
    throw e;
  }
  const first = errors[0];
  if (first === undefined) return undefined;
  const before = text.slice(0, first.offset);
  const line = before.split(/\r\n|\r|\n/).length;
  const column = first.offset - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return { line, column, what: MISTAKES[first.error] };
}
