/** The Result as JSON (`--json FILE`), and the JSON Schema that describes it. */
import type { Result } from '../explorer/result';
import schema from './result.schema.json';

/** JSON Schema (draft 2020-12) of `Result`, kept in sync with explorer/result.ts by test/reports-json.test.ts. */
export const RESULT_JSON_SCHEMA: unknown = schema;

export function renderJson(result: Result): string {
  return JSON.stringify(result, null, 2) + '\n';
}
