/**
 * The layouts of a counterexample in the terminal report (terminal.ts renders them): a file of
 * its own so that the CLI's flag, its help and its error message name them without loading the
 * renderer.
 */

/**
 * How a counterexample's steps are laid out: `list`, one numbered step per paragraph with the
 * kernel's sentence and the normative name; `lanes`, one column per process so an interleaving
 * reads as a schedule.
 */
export const TRACE_STYLES = ['list', 'lanes'] as const;
export type TraceStyle = (typeof TRACE_STYLES)[number];

/**
 * `list` is the default: it is the only layout that keeps each step's full sentence in the
 * kernel's words and the initial state, and it reads the same in a pipe, a CI log or a narrow
 * terminal; `lanes` trades the sentences for the schedule at a glance.
 */
export const DEFAULT_TRACE_STYLE: TraceStyle = 'list';
