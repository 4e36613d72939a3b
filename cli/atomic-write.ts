/**
 * Writing a report file so that it is either the whole new report or untouched: the text goes to
 * a temporary file in the same directory (same file system, so the rename is atomic), which then
 * replaces the target. A full disk or `ulimit -f` leaves the old file as it was, not a truncated
 * report that looks like a result.
 */
import * as fs from 'fs';
import * as path from 'path';
import { temporaryName } from './output-paths';

export function writeAtomically(file: string, text: string): void {
  const full = path.resolve(file);
  let target = full;
  try {
    // Replace what a symlink points to, not the link; write devices and pipes in place.
    target = fs.realpathSync(full);
    if (!fs.statSync(target).isFile()) {
      fs.writeFileSync(target, text);
      return;
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const temp = temporaryName(target);
  try {
    const fd = fs.openSync(temp, 'wx', 0o666);
    try {
      fs.writeFileSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}
