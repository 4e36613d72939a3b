/** Renderers: each takes only a `Result` (never re-runs anything). */
export { renderTerminal, renderVerdicts, type TerminalOptions } from './terminal';
export { TRACE_STYLES, DEFAULT_TRACE_STYLE, type TraceStyle } from './trace-styles';
export { renderMarkdown, escapeMarkdown } from './markdown';
export { renderJson, RESULT_JSON_SCHEMA } from './json';
export { renderItf, itfFiles, type ItfTrace } from './itf';
export { renderSarif } from './sarif';
