/**
 * Spec parameter flags for the commands beside `check` (replay, diff, matrix, docs): they do not
 * know their spec before parsing, so every spec's parameters are registered, and those given are
 * then validated against the chosen spec (a parameter of another spec names the valid ones).
 */
import { Option, type Command } from 'commander';
import type { IntParameter, SpecDefinition } from '../explorer/spec';
import { fail, MSG } from './messages';
import { parseParam } from './parse';
import { catalog, paramRange } from './specs';

export type ParamOptions = ReadonlyMap<string, Option>;

/** Registers `--<param> <value>` for every parameter of every spec; `help` describes the value. */
export function addParamOptions(cmd: Command, help: (p: IntParameter, spec: string) => string): ParamOptions {
  const options = new Map<string, Option>();
  for (const c of catalog()) {
    for (const p of c.definition?.parameters ?? []) {
      if (options.has(p.name)) continue;
      const opt = new Option(`--${p.name} <n>`, help(p, c.entry.name)).helpGroup('Spec parameters:');
      cmd.addOption(opt);
      options.set(p.name, opt);
    }
  }
  return options;
}

/** The parameter flags given, by parameter name, as raw strings. */
export function givenParams(opts: Record<string, unknown>, options: ParamOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, opt] of options) {
    const v = opts[opt.attributeName()];
    if (typeof v === 'string') out[name] = v;
  }
  return out;
}

/** Fails on a given parameter that `spec` does not declare. */
export function checkOwnParams(spec: SpecDefinition, given: Readonly<Record<string, string>>): void {
  for (const name of Object.keys(given)) {
    if (!spec.parameters.some((p) => p.name === name)) {
      fail(MSG.paramOfOtherSpec(`--${name}`, spec.name, spec.parameters.map((p) => `--${p.name} ${paramRange(p)}`)));
    }
  }
}

/** Every parameter of `spec`: given, else from `base`, else its default; each in range. */
export function resolveParams(spec: SpecDefinition, given: Readonly<Record<string, string>>, base: Readonly<Record<string, number>> = {}): Record<string, number> {
  checkOwnParams(spec, given);
  const params: Record<string, number> = {};
  for (const p of spec.parameters) {
    const raw = given[p.name];
    params[p.name] = raw !== undefined ? parseParam(`--${p.name}`, raw, p.min, p.max) : (base[p.name] ?? p.default);
  }
  return params;
}
