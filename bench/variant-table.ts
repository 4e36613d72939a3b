/**
 * `npm run table`: every variant of a spec at several sizes, as the Markdown table a kernel
 * engineer publishes: verdicts, distinct states, depth, shortest counterexample lengths, and the
 * time with each worker count. Every number comes from the engine's `Result`.
 *
 *   node dist/bench/variant-table.js [--spec nfs] [--writers 1,2,3] [--workers 1,2] [--symmetry] [--json FILE]
 *
 * Without `--symmetry` the counts are those MODEL.md quotes (no reduction).
 */
import * as fs from 'fs';
import { explore, type Counterexample, type Result } from '../explorer';
import { loadSpec, SPECS } from '../spec/registry';

interface Row {
  readonly variant: string;
  readonly size: number;
  readonly results: readonly Result[];
}

function list(text: string | undefined, fallback: number[]): number[] {
  return text === undefined ? fallback : text.split(',').map(Number);
}

function length(c: Counterexample): string {
  return c.shape === 'lasso' ? `${c.loopStart}+${c.steps.length - (c.loopStart ?? 0)}` : String(c.steps.length);
}

function cell(result: Result, name: string): string {
  const property = result.properties.find((p) => p.name === name);
  if (!property) return '';
  if (property.verdict === 'holds') return '✓';
  if (property.verdict === 'unknown') return '?';
  return `✗ ${length(property.counterexample!)}`;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const specName = flag('--spec') ?? 'nfs';
  const entry = SPECS.find((s) => s.name === specName);
  if (!entry) throw new Error(`unknown spec ${specName}`);
  const spec = loadSpec(entry);
  const sizeParam = spec.parameters[0].name;
  const sizes = list(flag(`--${sizeParam}`), [1, 2, 3]);
  const workers = list(flag('--workers'), [1, 2]);
  const symmetry = argv.includes('--symmetry');
  const rows: Row[] = [];
  for (const variant of spec.variants?.map((v) => v.id) ?? [undefined]) {
    for (const size of sizes) {
      const params = Object.fromEntries(spec.parameters.map((p) => [p.name, p.name === sizeParam ? size : p.default]));
      const results: Result[] = [];
      for (const w of workers) {
        results.push(
          await explore({ module: entry.module, args: { variant, params } }, { spec: specName, variant, params }, { workers: w, symmetry }),
        );
      }
      rows.push({ variant: variant ?? '-', size, results });
      process.stderr.write(`${variant} ${sizeParam}=${size}: ${results.map((r) => `${r.stats.seconds.toFixed(1)} s`).join(', ')}\n`);
    }
  }
  const names = rows[0].results[0].properties.map((p) => p.name);
  const header = ['variant', sizeParam, ...names, 'distinct', 'depth', ...workers.map((w) => `s (${w}w)`)];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) {
    const first = row.results[0];
    const agree = row.results.every((r) => r.stats.distinct === first.stats.distinct && names.every((n) => cell(r, n) === cell(first, n)));
    lines.push(
      `| ${[
        row.variant,
        row.size,
        ...names.map((n) => cell(first, n)),
        first.stats.distinct.toLocaleString('en-US'),
        first.stats.depth,
        ...row.results.map((r) => r.stats.seconds.toFixed(1)),
      ].join(' | ')} |${agree ? '' : ' runs disagree!'}`,
    );
  }
  const params = spec.parameters.filter((p) => p.name !== sizeParam).map((p) => `--${p.name} ${p.default}`).join(' ');
  process.stdout.write(
    `Spec ${specName}, ${params}, symmetry ${symmetry ? 'on' : 'off'}. ✓ holds, ✗ n violated with a shortest ` +
      `counterexample of n steps (a lasso: prefix+cycle), ? unknown.\n\n${lines.join('\n')}\n`,
  );
  const json = flag('--json');
  if (json) fs.writeFileSync(json, JSON.stringify(rows, null, 2));
}

main().catch((error: unknown) => {
  process.stderr.write(`table: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
