/** Finding a spec's module, in the calling thread (sources) and for worker threads (compiled, under dist/). */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { describe, expect, it } from 'vitest';
import { compiledModule, loadModel } from '../explorer/load';
import { modulePath } from './support/engine-models';

const root = path.join(__dirname, '..');

describe('loading a model', () => {
  it('maps a source path, with or without extension, to its compiled twin under dist/', () => {
    const compiled = path.join(root, 'dist', 'test', 'models', 'toy.js');
    expect(compiledModule(modulePath('toy'))).toBe(compiled);
    expect(compiledModule(`${modulePath('toy')}.ts`)).toBe(compiled);
    expect(compiledModule(compiled)).toBe(compiled);
    expect(compiledModule(compiled.replace(/\.js$/, ''))).toBe(compiled);
  });

  it('strips only a trailing extension, not a .js or .ts inside a directory name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-check-load-'));
    try {
      const compiled = path.join(dir, 'lib.js', 'model.js');
      fs.mkdirSync(path.dirname(compiled));
      fs.writeFileSync(compiled, '');
      expect(compiledModule(compiled)).toBe(compiled);
      expect(compiledModule(compiled.replace(/\.js$/, '.ts'))).toBe(compiled);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says what is missing', () => {
    const missing = path.join(root, 'test', 'models', 'no-such-model');
    expect(() => compiledModule(missing)).toThrow(`${path.join(root, 'dist', 'test', 'models', 'no-such-model.js')} is missing: run \`npm run build\` first`);
    expect(() => compiledModule('/no-such-dir/model.ts')).toThrow('no package.json above /no-such-dir/model.ts');
  });

  it('builds the model a spec module exports, and refuses a module without a spec', async () => {
    const model = await loadModel({ module: modulePath('toy'), args: { variant: 'handoff', params: {} } });
    expect(model.processes).toEqual(['P', 'Q']);
    const notASpec = path.join(__dirname, 'support', 'results');
    await expect(loadModel({ module: notASpec, args: { params: {} } })).rejects.toThrow(`${notASpec} does not export a spec`);
  });
});
