/**
 * Loading a spec's model from its module path: in the calling thread (which may be running the
 * TypeScript sources under vitest) and in worker threads (which always run the compiled JavaScript).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Model } from './model';
import type { ModelSource, SpecDefinition } from './spec';

export async function loadModel(source: ModelSource): Promise<Model<unknown>> {
  const loaded = (await import(source.module)) as { spec?: SpecDefinition };
  if (!loaded.spec) throw new Error(`${source.module} does not export a spec`);
  return loaded.spec.build(source.args);
}

/**
 * The compiled JavaScript file for a module path (with or without extension). Worker threads run
 * plain Node, which cannot load TypeScript: a source path maps to its twin under `dist/`.
 */
export function compiledModule(modulePath: string): string {
  const bare = modulePath.replace(/\.(ts|js)$/, '');
  if (fs.existsSync(`${bare}.js`)) return `${bare}.js`;
  let root = path.dirname(bare);
  while (!fs.existsSync(path.join(root, 'package.json'))) {
    const up = path.dirname(root);
    if (up === root) throw new Error(`no package.json above ${modulePath}`);
    root = up;
  }
  const compiled = path.join(root, 'dist', `${path.relative(root, bare)}.js`);
  if (!fs.existsSync(compiled)) throw new Error(`${compiled} is missing: run \`npm run build\` first`);
  return compiled;
}
