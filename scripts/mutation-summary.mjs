#!/usr/bin/env node
// `npm run mutation:summary [report.json]`: the tables of docs/MUTATION.md, from the JSON report
// that `npm run mutation` writes (.mutation/mutation.json by default), so the documented score is
// copied from a run, never typed in: the score over explorer/ and per file, the mutants marked
// equivalent in the source (Stryker reports them as Ignored, with the comment's reason), and
// the mutants left alive. Plain JavaScript: it reads a report and needs no build.
import { readFileSync } from 'fs';

const file = process.argv[2] ?? '.mutation/mutation.json';
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (e) {
  process.stderr.write(`mutation-summary: cannot read a Stryker JSON report from ${file}: ${e.message}\n`);
  process.exit(2);
}

/** Stryker's statuses, as the columns below count them (a runtime error kills too). */
const COLUMN = { Killed: 'killed', RuntimeError: 'killed', Timeout: 'timeout', Survived: 'survived', NoCoverage: 'noCoverage', Ignored: 'ignored', CompileError: 'compileError' };
const empty = () => ({ killed: 0, timeout: 0, survived: 0, noCoverage: 0, ignored: 0, compileError: 0 });
const score = (c) => {
  const valid = c.killed + c.timeout + c.survived + c.noCoverage;
  return valid === 0 ? '-' : `${((100 * (c.killed + c.timeout)) / valid).toFixed(2)} %`;
};

const total = empty();
const rows = [];
const equivalents = new Map();
const alive = [];
for (const [name, entry] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  const counts = empty();
  for (const m of entry.mutants) {
    const column = COLUMN[m.status];
    if (!column) continue;
    counts[column]++;
    total[column]++;
    const where = `${name}:${m.location.start.line}`;
    if (m.status === 'Ignored') {
      const known = equivalents.get(where) ?? { mutators: new Set(), reason: m.statusReason ?? '' };
      known.mutators.add(m.mutatorName);
      equivalents.set(where, known);
    } else if (m.status === 'Survived' || m.status === 'NoCoverage') {
      alive.push(`- \`${where}:${m.location.start.column}\` ${m.mutatorName} -> ${JSON.stringify(m.replacement ?? '').slice(0, 70)} (${m.status})`);
    }
  }
  const c = counts;
  rows.push(`| ${name} | ${score(c)} | ${c.killed} | ${c.timeout} | ${c.survived} | ${c.noCoverage} | ${c.ignored} |`);
}

const t = total;
console.log(`**Score ${score(t)}**: ${t.killed} killed, ${t.timeout} timed out, ${t.survived} survived, ${t.noCoverage} without coverage; ${t.ignored} ignored (equivalent), ${t.compileError} rejected by the type checker.\n`);
console.log('| file | score | killed | timed out | survived | no coverage | ignored (equivalent) |\n|---|---|---|---|---|---|---|');
console.log(rows.join('\n'));
console.log('\n| where | mutators | why it is equivalent |\n|---|---|---|');
for (const [where, e] of equivalents) console.log(`| ${where} | ${[...e.mutators].join(', ')} | ${e.reason.replace(/\|/g, '\\|')} |`);
console.log(`\nLeft alive (${alive.length}):\n`);
console.log(alive.join('\n'));
