/**
 * docs/PROPERTIES.md (mc docs): the committed file is current against the spec hash, the hash
 * follows every edit of the spec's sources, and a regeneration with small bounds (through the
 * built bin/mc) carries certificates and counterexamples.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { specHash } from '../cli/package-info';
import { mcVersion } from '../cli/version';
import { SPEC_HASH_LABEL } from '../reports/properties';
import { SPECS } from '../spec/registry';
import { ROOT, mc } from './cli-helpers';

const nfs = SPECS.find((s) => s.name === 'nfs')!;
const committed = () => fs.readFileSync(path.join(ROOT, 'docs', 'PROPERTIES.md'), 'utf8');

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mc-docs-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('docs/PROPERTIES.md', () => {
  it('is current: its spec hash and mc version are those of this tree (else run npm run docs)', () => {
    const text = committed();
    const line = text.split('\n').find((l) => l.startsWith(SPEC_HASH_LABEL));
    expect(line, 'docs/PROPERTIES.md has no spec hash line: run npm run docs').toBeDefined();
    expect(line, 'docs/PROPERTIES.md is stale against spec/nfs and invariants/nfs: run npm run docs').toContain(`\`${specHash(nfs)}\``);
    expect(text).toContain(`- mc version: \`${mcVersion()}\``);
  });

  it('the spec hash changes with any edit of the spec sources and with nothing else', () => {
    const copy = path.join(dir, 'tree');
    for (const src of nfs.sources) fs.cpSync(path.join(ROOT, src), path.join(copy, src), { recursive: true });
    expect(specHash(nfs, copy)).toBe(specHash(nfs));
    fs.writeFileSync(path.join(copy, 'README.md'), 'not a source');
    expect(specHash(nfs, copy)).toBe(specHash(nfs));
    const file = path.join(copy, 'spec', 'nfs', 'kernel', 'base.ts');
    fs.appendFileSync(file, '\n// an edit\n');
    expect(specHash(nfs, copy)).not.toBe(specHash(nfs));
  });

  it('mc docs with small bounds: certificates for what holds, shortest counterexamples for what fails', () => {
    const out = path.join(dir, 'PROPERTIES.md');
    const r = mc('docs', '--writers', '1', '--writes', '3', '--workers', '1', '--output', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toContain(`${SPEC_HASH_LABEL} \`${specHash(nfs)}\``);
    expect(text).toContain('- parameters: `writers=1 pages=2 writes=3 faults=1`');
    expect(text).toContain('- symmetry reduction: on');
    // The seed's oops on 14bebe3c, the soft lockup (a lasso) on 22876f54.
    expect(text).toContain('### ✗ MappingNonNull on `14bebe3c`: trace: 17 steps');
    expect(text).toMatch(/### ✗ WbPageTerminates on `22876f54`: lasso: \d+ steps to a 1-step cycle/);
    expect(text).toContain('*cycle: the following steps repeat forever*');
    expect(text).toMatch(/\| MappingNonNull \| ✓ holds \| every reachable state within `writers=1 pages=2 writes=3 faults=1`: [\d,]+ distinct states, depth \d+ \|/);
    expect(text).toMatch(/## Variant `mainline` \(v6\.x \(6\.18\.2\)\)\n\n.*\n\nPatches over the base: `14bebe3c`/);
    expect(text).toMatch(/Search: complete: [\d,]+ distinct states \([\d,]+ generated\), depth \d+, fingerprint collision probability /);
    // Deterministic: no times or worker counts, so a regeneration is identical.
    const again = path.join(dir, 'again.md');
    expect(mc('docs', '--writers', '1', '--writes', '3', '--workers', '2', '--output', again).code).toBe(0);
    expect(fs.readFileSync(again, 'utf8')).toBe(text);
  });
});
