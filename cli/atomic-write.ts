/**
 * Writing a report file so that it is either the whole new report or untouched: the text goes to
 * a temporary file in the same directory (same file system, so the rename is atomic), which then
 * replaces the target. A full disk or `ulimit -f` leaves the old file as it was, not a truncated
 * report that looks like a result.
 */
import * as fs from 'fs';
import * as path from 'path';
import { temporaryName, writeTarget } from './output-paths';

export function writeAtomically(file: string, text: string): void {
  // What a symlink points to is replaced, not the link (a file not created yet too).
  const target = writeTarget(file);
  if (target.loop) throw Object.assign(new Error(`ELOOP: too many levels of symbolic links, open '${target.path}'`), { code: 'ELOOP' });
  if (target.inPlace) {
    // stdout and stderr through their streams, in order with what else goes there (opened anew,
    // /dev/stdout would write at an offset of its own, over the report when stdout is a file).
    if (target.fd === 1) process.stdout.write(text);
    else if (target.fd === 2) process.stderr.write(text);
    // A device or a pipe is written in place; another descriptor (/dev/fd/3) after what was written to it.
    else fs.writeFileSync(target.path, text, { flag: target.fd !== undefined ? 'a' : 'w' });
    return;
  }
  let before: fs.Stats | undefined;
  try {
    before = fs.statSync(target.path);
  } catch {
    before = undefined;
  }
  const temp = temporaryName(target.path);
  try {
    const fd = fs.openSync(temp, 'wx', 0o666);
    try {
      fs.writeFileSync(fd, text);
      if (before?.isFile()) keepOwnership(fd, before);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, path.resolve(target.path));
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}

/**
 * The replaced file's permissions (a 600 report stays private) and, when this process may give
 * them (root), its owner and group, as an editor saving it would keep them.
 */
function keepOwnership(fd: number, before: fs.Stats): void {
  try {
    if (process.getuid?.() === 0 && (before.uid !== 0 || before.gid !== 0)) fs.fchownSync(fd, before.uid, before.gid);
    // After the owner: chown clears the set-id bits, and a 600 file is not a moment 644.
    fs.fchmodSync(fd, before.mode & 0o777);
  } catch {
    // A file system without owners or modes (vfat): nothing to keep.
  }
}
