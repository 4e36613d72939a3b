/**
 * Real validators for the report formats, offline: ajv against the vendored SARIF 2.1.0 schema
 * and our ITF schema (plus what JSON Schema cannot say about ITF), Mermaid's own parser for the
 * diagrams, and GitHub code scanning's documented limits.
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import itfSchema from '../../reports/itf.schema.json';
import sarifSchema from '../schemas/sarif-schema-2.1.0.json';

// unicodeRegExp off: the SARIF schema's `language` pattern (`...-[a-zA-Z]{2}]?$`) is a valid
// ECMAScript regex only without the `u` flag; strict off: the schema uses keywords ajv's strict
// mode frowns upon (e.g. `format` on non-strings is fine in draft-07).
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const sarifValidator = ajv.compile(sarifSchema);
const itfValidator = ajv.compile(itfSchema);

const errorsOf = (validate: { errors?: unknown[] | null }): string[] =>
  (validate.errors ?? []).map((e) => JSON.stringify(e));

export function sarifErrors(log: unknown): string[] {
  return sarifValidator(log) ? [] : errorsOf(sarifValidator);
}

/** ITF: the schema, then every state sets exactly the declared vars and `loop` indexes a state. */
export function itfErrors(trace: unknown): string[] {
  if (!itfValidator(trace)) return errorsOf(itfValidator);
  const t = trace as { vars: string[]; states: Record<string, unknown>[]; loop?: number };
  const errors: string[] = [];
  t.states.forEach((s, i) => {
    const keys = Object.keys(s).filter((k) => k !== '#meta').sort();
    if (JSON.stringify(keys) !== JSON.stringify([...t.vars].sort())) errors.push(`state ${i} sets ${keys.join(',')}, not the vars ${t.vars.join(',')}`);
  });
  if (t.loop !== undefined && t.loop >= t.states.length) errors.push(`loop ${t.loop} is past the last state ${t.states.length - 1}`);
  return errors;
}

/** GitHub code scanning's hard and display limits (docs: "SARIF results exceed limits"). */
export function codeScanningProblems(log: {
  runs: { results: { locations?: { physicalLocation?: { region?: { startLine?: number } } }[]; codeFlows?: { threadFlows: { locations: unknown[] }[] }[] }[]; tool: { driver: { rules?: { properties?: { tags?: string[] } }[] } } }[];
}): string[] {
  const problems: string[] = [];
  if (log.runs.length > 20) problems.push(`${log.runs.length} runs > 20`);
  for (const run of log.runs) {
    if (run.results.length > 5000) problems.push(`${run.results.length} results > 5,000 shown`);
    for (const rule of run.tool.driver.rules ?? []) if ((rule.properties?.tags?.length ?? 0) > 10) problems.push('more than 10 tags on a rule');
    for (const r of run.results) {
      const flowLocations = (r.codeFlows ?? []).flatMap((f) => f.threadFlows).reduce((n, t) => n + t.locations.length, 0);
      if (flowLocations > 1000) problems.push(`${flowLocations} thread flow locations > 1,000 shown`);
      if ((r.locations?.length ?? 0) > 100) problems.push('more than 100 locations');
      const line = r.locations?.[0]?.physicalLocation?.region?.startLine;
      if (line === undefined) problems.push('a result without a primary location line');
    }
  }
  return problems;
}

/** Mermaid's own parser (the one GitHub's renderer runs): resolves, or rejects with its error. */
export async function parseMermaid(diagram: string): Promise<void> {
  const { default: mermaid } = await import('mermaid');
  await mermaid.parse(diagram);
}

/** The ```mermaid blocks of a Markdown text. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
}
