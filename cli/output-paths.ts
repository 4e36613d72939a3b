/**
 * Checks, before a search that may take minutes, that every requested report file can really be
 * written where it will be written: the checks are the operations the final write performs
 * (create a temporary file in the target's directory; create or open the target itself), not
 * `access(W_OK)`, which says yes to root for `/proc/x.json` and knows nothing of name lengths.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { fail, MSG } from './messages';
import type { OutputRequest } from './check';
import { flagOf } from './output-formats';

/** Bytes a terminal interprets: never part of a file name a person meant to type. */
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Every request's value is a usable name, at most one is stdout, no two name the same file, and each can be written. */
export function validateOutputs(requests: readonly OutputRequest[]): void {
  for (const { format, file } of requests) checkOutputValue(flagOf(format), file);
  const toStdout = requests.filter((r) => r.file === '-');
  if (toStdout.length > 1) fail(MSG.bothStdout(toStdout.map((r) => flagOf(r.format))));
  const seen = new Map<string, string>();
  for (const { format, file } of requests) {
    if (file === '-') continue;
    const key = identity(file);
    const other = seen.get(key);
    if (other !== undefined) fail(MSG.sameOutputFile(other, flagOf(format), file));
    seen.set(key, flagOf(format));
  }
  for (const { format, file } of requests) if (file !== '-') probe(flagOf(format), file);
}

/** One file a command other than check writes (`mc docs --output`): a usable name that can be written; `-` is stdout. */
export function validateOutputFile(flag: string, file: string): void {
  checkOutputValue(flag, file);
  if (file !== '-') probe(flag, file);
}

/** The value itself: a name, not a flag commander took as the value, without control characters. */
export function checkOutputValue(flag: string, file: string): void {
  // Commander gives a required option value the next word, even a flag: `--json --quiet`.
  if (file !== '-' && file.startsWith('-')) fail(MSG.outputNeedsFile(flag, file));
  if (CONTROL.test(file)) fail(MSG.unwritable(flag, JSON.stringify(file).slice(1, -1), 'the name contains control characters'));
  if (file.trim() === '') fail(MSG.unwritable(flag, file, 'empty file name'));
}

/**
 * A directory a command will write files into (`mc matrix --json DIR`): a name, not a flag or
 * stdout, and either a directory where files can be created or one that can be made (its nearest
 * existing ancestor is a directory that accepts new entries). Nothing is created here.
 */
export function validateOutputDir(flag: string, dir: string): void {
  if (dir.startsWith('-')) fail(MSG.optionNeedsName(flag, 'dir', dir));
  const refuse = (reason: string): never => fail(MSG.unwritable(flag, dir, reason, 'directory'));
  if (CONTROL.test(dir)) fail(MSG.unwritable(flag, JSON.stringify(dir).slice(1, -1), 'the name contains control characters', 'directory'));
  if (dir.trim() === '') refuse('empty directory name');
  let existing = path.resolve(dir);
  for (;;) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(existing);
    } catch {
      stat = undefined;
    }
    if (stat) {
      if (!stat.isDirectory()) refuse(`${existing} is not a directory`);
      break;
    }
    const up = path.dirname(existing);
    if (up === existing) break;
    existing = up;
  }
  try {
    const temp = temporaryName(path.join(existing, 'x'));
    fs.closeSync(fs.openSync(temp, 'wx'));
    fs.unlinkSync(temp);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    refuse(code === 'ENOENT' ? `files cannot be created in ${existing}` : `${existing}: ${why(e)}`);
  }
}

/** The same file under two spellings (`r.json`, `./r.json`, a symlinked directory) is the same. */
function identity(file: string): string {
  const full = path.resolve(file);
  try {
    return fs.realpathSync(full);
  } catch {
    try {
      return path.join(fs.realpathSync(path.dirname(full)), path.basename(full));
    } catch {
      return full;
    }
  }
}

const why = (e: unknown): string => {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'ENOENT':
      // The directory exists (checked first): it refuses new files, as /proc does.
      return 'files cannot be created in its directory';
    case 'ENOTDIR':
      return 'a part of its directory is not a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENAMETOOLONG':
      return 'file name too long';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return err.code ? `${err.code}: ${err.message}` : String(e);
  }
};

function probe(flag: string, file: string): void {
  const full = path.resolve(file);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(full);
  } catch {
    stat = undefined;
  }
  if (stat?.isDirectory()) fail(MSG.unwritable(flag, file, 'it is a directory'));
  const dir = path.dirname(full);
  let dirStat: fs.Stats;
  try {
    dirStat = fs.statSync(dir);
  } catch {
    return fail(MSG.unwritable(flag, file, `directory ${dir} does not exist`));
  }
  if (!dirStat.isDirectory()) fail(MSG.unwritable(flag, file, `${dir} is not a directory`));
  try {
    if (stat && !stat.isFile()) {
      // A device or a pipe (`/dev/null`, `/dev/stdout`) is written in place, not replaced.
      fs.accessSync(full, fs.constants.W_OK);
      return;
    }
    // The final write creates a temporary file next to the target and renames it over it.
    const temp = temporaryName(full);
    fs.closeSync(fs.openSync(temp, 'wx'));
    fs.unlinkSync(temp);
    if (stat) {
      // Replacing a file the user cannot write would be a surprise: open it as the write would.
      fs.closeSync(fs.openSync(full, 'r+'));
    } else {
      // The name itself (its length, its characters) must be creatable.
      fs.closeSync(fs.openSync(full, 'wx'));
      fs.unlinkSync(full);
    }
  } catch (e) {
    fail(MSG.unwritable(flag, file, why(e)));
  }
}

/** A short hidden name in the target's directory, valid wherever the target's is. */
export function temporaryName(full: string): string {
  return path.join(path.dirname(full), `.mc-${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
}
