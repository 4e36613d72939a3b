/** Renderers: each takes only a `Result` (never re-runs anything). */
export { renderTerminal, renderVerdicts, type TerminalOptions } from './terminal';
export { renderMarkdown, escapeMarkdown } from './markdown';
export { renderJson, RESULT_JSON_SCHEMA } from './json';
