/**
 * The report files `mc check` can write, one entry per output flag: its help, whether it can go
 * to stdout, and the files it makes from a Result. program.ts registers one option per entry and
 * check.ts validates and writes them, so a new format is one entry here.
 */
import type { Result } from '../explorer/result';
import { itfFiles, siblingFile } from '../reports/itf';
import { renderJson } from '../reports/json';
import { renderMarkdown } from '../reports/markdown';
import { renderSarif } from '../reports/sarif';
import { staleItfFiles } from './saved-itf';
import { mcVersion } from './version';

export interface OutputFile {
  readonly file: string;
  readonly text: string;
}

export interface OutputFormat {
  /** The long flag without dashes, e.g. `json` for `--json <file>`. */
  readonly name: string;
  readonly help: string;
  /** Whether `-` (stdout) is a valid value. */
  readonly toStdout: boolean;
  /** What to write for the file the user named: one file for most formats, one per violated property for ITF. */
  files(result: Result, file: string): readonly OutputFile[];
  /**
   * For a format that writes a varying set of files (ITF): those an earlier run wrote under the
   * same name that this run, writing `written`, does not; the run removes them.
   */
  stale?(file: string, written: readonly string[]): string[];
  /**
   * For a format that writes files beside the one named (ITF): those it may write for a run of a
   * spec with these properties, known before the search, so that no other report is named one of them.
   */
  siblings?(file: string, properties: readonly string[]): { readonly file: string; readonly property: string }[];
}

const oneFile =
  (render: (result: Result) => string) =>
  (result: Result, file: string): OutputFile[] => [{ file, text: render(result) }];

export const OUTPUT_FORMATS: readonly OutputFormat[] = [
  { name: 'json', help: 'write the result as JSON (mc-result/2); - for stdout', toStdout: true, files: oneFile(renderJson) },
  {
    name: 'markdown',
    help: 'write a Markdown report for reviews, with Mermaid sequence diagrams; - for stdout',
    toStdout: true,
    files: oneFile(renderMarkdown),
  },
  {
    name: 'sarif',
    help: 'write SARIF 2.1.0 for code scanning, one result per violated property; - for stdout',
    toStdout: true,
    files: oneFile((result) => renderSarif(result, { version: mcVersion() })),
  },
  {
    name: 'itf',
    help: 'write each counterexample as an ITF trace (Apalache/Quint): the first to <file>, others beside it as <file stem>.<Property>.itf.json; traces an earlier run left there and this one does not write are removed',
    toStdout: false,
    files: itfFiles,
    stale: staleItfFiles,
    siblings: (file, properties) => properties.map((property) => ({ file: siblingFile(file, property), property })),
  },
];

export const flagOf = (format: OutputFormat): string => `--${format.name}`;
