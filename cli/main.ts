/**
 * Entry point of the `mc` command (bin/mc requires the compiled file). It owns the process: the
 * exit code is set, not forced, so that stdout is flushed before node exits.
 */
import { main } from './run';

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
