/** mc's version, from package.json (two levels up from dist/cli/). */
import * as fs from 'fs';
import * as path from 'path';

export function mcVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
