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

/**
 * Every request's value is a usable name, at most one is stdout (`-`, or a name of it such as
 * /dev/stdout), no two name the same file (nor one a file another derives from its own: `--itf`'s
 * per-property traces, for any of `properties`), and each can be written. Returns the requests
 * with every name of stdout as `-`, so that it is written, and the terminal report left out, as `-` is.
 */
export function validateOutputs(requests: readonly OutputRequest[], properties: readonly string[]): OutputRequest[] {
  for (const { format, file } of requests) checkOutputValue(flagOf(format), file);
  // Where each name leads, resolved once (links followed one by one: file system calls).
  const targets = new Map(requests.map((r) => [r, r.file === '-' ? undefined : writeTarget(r.file)]));
  const isStdout = (r: OutputRequest) => r.file === '-' || targets.get(r)!.fd === 1;
  for (const r of requests) {
    if (r.format.toStdout) continue;
    if (isStdout(r)) fail(MSG.noStdout(flagOf(r.format), r.file));
    if (targets.get(r)!.inPlace) fail(MSG.noFileHere(flagOf(r.format), r.file));
  }
  const toStdout = requests.filter(isStdout);
  if (toStdout.length > 1) fail(MSG.bothStdout(toStdout.map((r) => [flagOf(r.format), r.file] as const)));
  const files = requests.filter((r) => !isStdout(r));
  const named = new Map<string, OutputRequest>();
  for (const r of files) {
    const key = targets.get(r)!.path;
    const other = named.get(key);
    if (other !== undefined) fail(MSG.sameOutputFile(flagOf(other.format), flagOf(r.format), r.file));
    named.set(key, r);
  }
  for (const r of files) {
    for (const { file, property } of r.format.siblings?.(r.file, properties) ?? []) {
      const other = named.get(identity(file));
      if (other !== undefined && other !== r) fail(MSG.derivedOutputFile(flagOf(other.format), other.file, flagOf(r.format), r.file, property));
    }
  }
  for (const r of files) probe(flagOf(r.format), r.file, targets.get(r)!);
  return requests.map((r) => (r.file !== '-' && isStdout(r) ? { ...r, file: '-' } : r));
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

/** The same file under two spellings (`r.json`, `./r.json`, a symlinked directory, a link to it) is the same. */
function identity(file: string): string {
  return writeTarget(file).path;
}

/** Where writing a file really goes, and how (cli/atomic-write.ts writes as this says). */
export interface WriteTarget {
  /** The path written: the name resolved through its symlinks, to a file not created yet too (the link itself is never replaced). */
  readonly path: string;
  /** A device, a pipe, a socket or a descriptor (/dev/null, /dev/stdout, /dev/fd/3): written in place, not replaced. */
  readonly inPlace: boolean;
  /** The descriptor of this process the name stands for (/dev/stdout, /dev/fd/1, /proc/self/fd/1: 1). */
  readonly fd?: number;
  /** The links loop (or run longer than the kernel follows): nothing can be written there. */
  readonly loop?: true;
}

/** `/proc/<pid or self>/fd/N` (/dev/fd/N and /dev/stdout lead there): a descriptor, not a file in a directory. */
const FD_LINK = /^\/proc\/(?:self|thread-self|(\d+))(?:\/task\/\d+)?\/fd\/(\d+)$/;
/** As the kernel gives up on a chain of links (ELOOP). */
const MAX_LINKS = 40;

/**
 * Follows `file`'s symlinks one at a time, so that a link to a file not created yet resolves to
 * that file (realpath fails on it), and a descriptor is recognised as one before its magic link
 * leads to a pipe's name or to the file it has open (`> out.txt`: /dev/stdout would then pass for
 * out.txt, and be replaced by a rename, the terminal report with it).
 */
export function writeTarget(file: string): WriteTarget {
  let name = path.resolve(file);
  for (let links = 0; links <= MAX_LINKS; links++) {
    let here = name;
    try {
      here = path.join(fs.realpathSync(path.dirname(name)), path.basename(name));
    } catch {
      // A directory that does not exist: the probe says so.
      return { path: here, inPlace: false };
    }
    const fd = FD_LINK.exec(here);
    if (fd) return { path: here, inPlace: true, ...(fd[1] === undefined || Number(fd[1]) === process.pid ? { fd: Number(fd[2]) } : {}) };
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(here);
    } catch {
      // Not created yet.
      return { path: here, inPlace: false };
    }
    if (!stat.isSymbolicLink()) return { path: here, inPlace: !stat.isFile() && !stat.isDirectory() };
    try {
      name = path.resolve(path.dirname(here), fs.readlinkSync(here));
    } catch {
      return { path: here, inPlace: false };
    }
  }
  return { path: path.resolve(file), inPlace: false, loop: true };
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
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      // Node's message already starts with the code (`EEXIST: file already exists, open ...`).
      return err.code && !err.message.startsWith(err.code) ? `${err.code}: ${err.message}` : err.message ?? String(e);
  }
};

function probe(flag: string, file: string, target = writeTarget(file)): void {
  if (target.loop) fail(MSG.unwritable(flag, file, 'too many levels of symbolic links'));
  const full = target.path;
  if (target.inPlace) {
    try {
      // A device, a pipe or a descriptor (`/dev/null`, `/dev/stdout`) is written in place, not replaced.
      fs.accessSync(full, fs.constants.W_OK);
    } catch (e) {
      fail(MSG.unwritable(flag, file, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or open descriptor' : why(e)));
    }
    return;
  }
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
