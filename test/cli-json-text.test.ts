/**
 * cli/json-text.ts: a file that is not JSON is named by where its first mistake is (line and
 * column, as an editor counts) and what it is, never by quoting the file.
 */
import { describe, expect, it } from 'vitest';
import { parseJson } from '../cli/json-text';

const why = (text: string): string => {
  const r = parseJson(text);
  if (r.ok) throw new Error(`${JSON.stringify(text)} parsed`);
  return r.why;
};

describe('parseJson', () => {
  it('gives the value of valid JSON, as JSON.parse does', () => {
    expect(parseJson('{"a": [1, "x", null]}')).toEqual({ ok: true, value: { a: [1, 'x', null] } });
    expect(parseJson('  7\n')).toEqual({ ok: true, value: 7 });
  });

  it.each([
    ['a README', '# mc\n\n`mc` is ...', 'line 1, column 1: no JSON value starts with this character'],
    ['a trailing comma', '{\n  "a": 1,\n}', 'line 3, column 1: a property name ("...") expected'],
    ['a second closing brace', '{\n  "a": 1\n}\n}', 'line 4, column 1: more text after the JSON value'],
    ['a missing comma', '{"a": 1 "b": 2}', "line 1, column 9: ',' expected"],
    ['a missing colon', '{"a" 1}', "line 1, column 6: ':' expected"],
    ['a list cut short', '[1, 2', "line 1, column 6: ']' expected"],
    ['a comment', '{\n  // why\n  "a": 1\n}', 'line 2, column 3: a comment, which JSON does not allow'],
    ['a line break inside a string', '{"a": "one\ntwo"}', 'line 1, column 7: a string that does not end on its line'],
    ['a number cut short', '[1.]', 'line 1, column 2: a number cut short'],
    ['Windows line ends', '{\r\n  "a": 1,\r\n  x\r\n}', 'line 3, column 3: no JSON value starts with this character'],
    ['bytes of a binary', '\u007fELF\u0000\u0001', 'line 1, column 1: no JSON value starts with this character'],
  ])('%s: where and what, not the text', (_, text, where) => {
    expect(why(text)).toBe(`not valid JSON (${where})`);
  });

  it('an empty file is said to be empty', () => {
    expect(why('')).toBe('not valid JSON (it is empty)');
    expect(why(' \n\t')).toBe('not valid JSON (it is empty)');
  });

  it('a mistake under 200,000 open brackets is still one line, without a place (the scanner descends by recursion)', () => {
    expect(why('['.repeat(200_000) + 'x' + ']'.repeat(200_000))).toBe('not valid JSON');
  });
});
