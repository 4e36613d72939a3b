/**
 * Typed values of the Informal Trace Format (Apalache ADR-015), the form a model's typed view
 * (`Model.itf`) takes and the form the `Result` carries them in: they are JSON already, so a
 * result saved with `--json` keeps them and the ITF renderer writes them as they are.
 *
 * - integers: a JSON number when |n| < 2^53, else `{ "#bigint": "<decimal>" }`;
 * - strings and booleans: themselves;
 * - lists (TLA+ sequences): JSON arrays;
 * - records: JSON objects whose keys do not start with `#`;
 * - `{ "#tup": [...] }`, `{ "#set": [...] }`, `{ "#map": [[key, value], ...] }`;
 * - `{ "#unserializable": "<text>" }` for what has no typed form.
 */
export type ItfValue =
  | boolean
  | string
  | number
  | { readonly '#bigint': string }
  | readonly ItfValue[]
  | { readonly '#tup': readonly ItfValue[] }
  | { readonly '#set': readonly ItfValue[] }
  | { readonly '#map': readonly (readonly [ItfValue, ItfValue])[] }
  | { readonly '#unserializable': string }
  | ItfRecord;

export interface ItfRecord {
  readonly [field: string]: ItfValue;
}

/** A state as ITF variables: variable name → value. */
export type ItfState = Readonly<Record<string, ItfValue>>;
