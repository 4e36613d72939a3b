/**
 * Entry point of the `mc` command (bin/mc requires the compiled file). It owns the process: the
 * exit code is set, not forced, so that stdout is flushed before node exits.
 */
// First, so that a check's worker threads start while the rest of the CLI loads.
import { closeThreadsAhead, startThreadsAhead } from './threads-ahead';
startThreadsAhead(process.argv.slice(2));

import { EXIT } from './exit-codes';
import { errorLine, MSG } from './messages';
import { main } from './run';

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  // `mc check ... | head`: a closed pipe is not an error worth a message; nor is a terminal that
  // hung up (EIO after SIGHUP).
  if (e.code === 'EPIPE' || (e.code === 'EIO' && process.stdout.isTTY)) process.exit(process.exitCode ?? 0);
  // `> /dev/full`: one line, and not exit 1, which would read as "violated".
  process.stderr.write(errorLine(MSG.stdoutFailed(e.message).text));
  process.exit(EXIT.INTERNAL);
});
process.stderr.on('error', () => {
  // Nowhere left to say anything.
  process.exit(process.exitCode ?? EXIT.INTERNAL);
});

/** `mc help --help` (or `-h`) asks for help about help: that is `mc --help`. */
function helpOfHelp(argv: string[]): string[] {
  return argv[0] === 'help' && (argv[1] === '--help' || argv[1] === '-h') && argv.length === 2 ? ['--help'] : argv;
}

void main(helpOfHelp(process.argv.slice(2))).then(async (code) => {
  await closeThreadsAhead();
  process.exitCode = code;
});
