/**
 * Facts about the installed `mc` itself: its version, and the hash of a spec's sources that
 * docs/PROPERTIES.md's certificates carry. Both are read from the repository `mc` runs from.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { SpecEntry } from '../spec/registry';

/** The folder with package.json above this file (the repository, from cli/ or dist/cli/). */
export function packageRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = up;
  }
  return dir;
}

export function packageVersion(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * `sha256:` and 16 hex digits over the spec's TypeScript sources (its `sources` folders): each
 * file's path from the repository root and its text with LF line ends, in path order. Any edit
 * to the spec or its properties changes it; the engine, reports and CLI do not.
 */
export function specHash(entry: Pick<SpecEntry, 'name' | 'sources'>, root = packageRoot()): string {
  const files = entry.sources.flatMap((dir) => tsFiles(root, dir)).sort();
  if (files.length === 0) throw new Error(`no sources of spec ${entry.name} under ${root} (${entry.sources.join(', ')})`);
  const hash = createHash('sha256');
  for (const rel of files) {
    hash.update(`${rel}\n`);
    hash.update(fs.readFileSync(path.join(root, rel), 'utf8').replace(/\r\n/g, '\n'));
    hash.update('\n');
  }
  return `sha256:${hash.digest('hex').slice(0, 16)}`;
}

function tsFiles(root: string, dir: string): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((e) => {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(root, rel);
    return e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}
