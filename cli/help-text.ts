/** The text of `mc specs`, `mc variants` and the tail of `mc check --help`, built from spec declarations. */
import type { SpecDefinition } from '../explorer/spec';
import { EXIT_CODE_HELP } from './exit-codes';
import { DEFAULT_SPEC, catalog, paramRange, specNames } from './specs';

/** The README's first command. */
export const EXAMPLE = 'mc check --variant 22876f54 --writers 3';

export function checkHelpAfter(spec: SpecDefinition): string {
  const lines: string[] = [];
  const variants = spec.variants ?? [];
  if (variants.length > 0) {
    lines.push('', `Variants of spec ${spec.name} (--variant; details: mc variants --spec ${spec.name}):`);
    lines.push(...variantRows(spec, false));
  }
  lines.push('', `Properties of spec ${spec.name} (for --expect): ${spec.propertyNames.join(', ')}, DeadlockFree`);
  const others = specNames().filter((n) => n !== spec.name);
  if (others.length > 0) {
    lines.push('', `Other specs have other parameters: ${others.map((n) => `mc check --spec ${n} --help`).join(', ')}`);
  }
  lines.push('', 'Examples:', ...examples(spec).map((e) => `  ${e}`));
  lines.push('', 'Exit codes:', ...EXIT_CODE_HELP.map(([c, t]) => `  ${c}  ${t}`));
  return lines.join('\n') + '\n';
}

function examples(spec: SpecDefinition): string[] {
  if (spec.name === DEFAULT_SPEC && spec.name === 'nfs') {
    return [
      EXAMPLE,
      `${EXAMPLE} --expect MappingNonNull=holds,WbPageTerminates=violated`,
      'mc check --variant 14bebe3c --max-seconds 60 --json result.json --markdown result.md',
    ];
  }
  const base = `mc check --spec ${spec.name}`;
  const variants = spec.variants ?? [];
  const other = variants.find((v) => v.id !== spec.defaultVariant) ?? variants[0];
  const p = spec.parameters[0];
  const param = p ? ` --${p.name} ${p.default}` : '';
  const out = [`${base}${param}`];
  if (other) out.push(`${base} --variant ${other.id}${param} --json result.json`);
  return out;
}

function variantRows(spec: SpecDefinition, details: boolean): string[] {
  const variants = spec.variants ?? [];
  const idW = Math.max(...variants.map((v) => v.id.length));
  const verW = Math.max(...variants.map((v) => v.version.length));
  const rows: string[] = [];
  for (const v of variants) {
    const dflt = v.id === spec.defaultVariant ? ' (default)' : '';
    rows.push(`  ${v.id.padEnd(idW)}  ${v.version.padEnd(verW)}  ${v.summary}${dflt}`);
    if (details) for (const d of v.details ?? []) rows.push(`  ${''.padEnd(idW)}  ${''.padEnd(verW)}    ${d}`);
  }
  return rows;
}

export function variantsText(spec: SpecDefinition): string {
  const variants = spec.variants ?? [];
  if (variants.length === 0) return `spec ${spec.name} has no variants\n`;
  const lines = [`Variants of spec ${spec.name} (mc check --spec ${spec.name} --variant <id>):`, ''];
  lines.push(...variantRows(spec, true));
  if (spec.limitations?.length) lines.push('', 'Not modelled (verdicts hold only within the model):', ...spec.limitations.map((l) => `  - ${l}`));
  return lines.join('\n') + '\n';
}

export function specsText(): string {
  const entries = catalog();
  const nameW = Math.max(...entries.map((c) => c.entry.name.length));
  const lines: string[] = [];
  for (const c of entries) {
    const name = c.entry.name.padEnd(nameW);
    const indent = ' '.repeat(nameW + 4);
    if (!c.definition) {
      lines.push(`  ${name}  (could not be loaded: ${c.error})`);
      continue;
    }
    const d = c.definition;
    lines.push(`  ${name}  ${d.summary}${c.entry.name === DEFAULT_SPEC ? ' (default)' : ''}`);
    const params = d.parameters.map((p) => `--${p.name} ${paramRange(p)} (${p.default})`).join(', ');
    lines.push(`${indent}parameters: ${params || 'none'}`);
    const n = d.variants?.length ?? 0;
    if (n > 0) lines.push(`${indent}variants: ${n} (mc variants --spec ${c.entry.name})`);
    lines.push(`${indent}properties: ${d.propertyNames.join(', ')}`);
  }
  return lines.join('\n') + '\n';
}
