/** ANSI styling for terminal reports: real colours on a terminal, the identity otherwise. */

export type Paint = (s: string) => string;

export interface Palette {
  readonly bold: Paint;
  readonly dim: Paint;
  readonly red: Paint;
  readonly green: Paint;
  readonly yellow: Paint;
  readonly cyan: Paint;
}

const sgr = (open: number, close: number): Paint => (s) => `\x1b[${open}m${s}\x1b[${close}m`;
export const plain: Paint = (s) => s;

export function palette(color: boolean): Palette {
  return color
    ? { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), green: sgr(32, 39), yellow: sgr(33, 39), cyan: sgr(36, 39) }
    : { bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain };
}

/** Pads to `n` characters (code points, so `→` and `✗` count as one). */
export const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - [...s].length));
export const padStart = (s: string, n: number): string => ' '.repeat(Math.max(0, n - [...s].length)) + s;
