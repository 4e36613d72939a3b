/**
 * Entry point of the `mc` command (bin/mc requires the compiled file). It owns the process: the
 * exit code is set, not forced, so that stdout is flushed before node exits.
 */
import { main } from './run';

// `mc check ... | head`: a closed pipe is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
