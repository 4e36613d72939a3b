/**
 * `mc replay FILE`: a saved counterexample replayed by transition identity on a variant (by
 * default the one it was found on), step by step. Exit 1 when a recorded violation reproduces,
 * 0 when none does (the variant no longer allows it), 2 on a bad file or mismatched parameters.
 */
import { isDeepStrictEqual } from 'util';
import type { Model } from '../explorer/model';
import type { PropertyResult, Result } from '../explorer/result';
import { recordedViolation, replaySchedule, type ScheduleReplay } from '../explorer/schedule';
import type { SpecDefinition } from '../explorer/spec';
import { DEADLOCK_PROPERTY } from '../explorer/verdicts';
import { params as paramText, plural, shapeLine } from '../reports/format';
import { endsInsideLine, patchList, renderReplayLines, type ReplayTextOptions } from '../reports/replay';
import { EXIT, type ExitCode } from './exit-codes';
import { fail, MSG } from './messages';
import { unbuiltViolations } from './outcome';
import { readSavedResult } from './saved-result';
import { checkOwnParams, resolveParams } from './spec-params';
import { catalog, DEFAULT_SPEC, findSpec, paramRange, specNames } from './specs';
import { patchDifference } from './variant-patches';

export interface ReplayFlags {
  readonly file: string;
  readonly variant?: string;
  readonly spec?: string;
  readonly property?: string;
  readonly params: Readonly<Record<string, string>>;
}

/** Replays the file's counterexamples as `flags` ask (replay-command.ts); the exit code. */
export function runReplay(flags: ReplayFlags): ExitCode {
  const saved = readSavedResult(flags.file);
  const fileSpec = saved.run.spec;
  if (!catalog().some((c) => c.entry.name === fileSpec)) fail(MSG.replayUnknownSpec(flags.file, fileSpec, specNames()));
  if (flags.spec !== undefined && flags.spec !== fileSpec) {
    if (!specNames().includes(flags.spec)) fail(MSG.unknownSpec(flags.spec, specNames()));
    fail(MSG.replayOtherSpec(flags.file, fileSpec, flags.spec));
  }
  const spec = findSpec(fileSpec).definition;
  const variant = chooseVariant(spec, flags.variant ?? saved.run.variant);
  checkOwnParams(spec, flags.params);
  const recordedParams = fileParams(spec, saved, flags.file);
  const params = resolveParams(spec, flags.params, recordedParams);
  const model = spec.build({ ...(variant !== undefined ? { variant } : {}), params });
  // The file's own model (its variant, its parameters) must replay it exactly; another one may not.
  const asRecorded = variant === saved.run.variant && isDeepStrictEqual({ ...params }, recordedParams);
  const recordedModel = asRecorded ? model : recordedRunModel(spec, saved.run.variant, variant, recordedParams);
  // With its own parameters the spec must have the file's processes; other parameters may not.
  if (recordedModel.processes.join(' ') !== saved.processes.join(' ')) {
    fail(MSG.badSavedFile(flags.file, `its processes are ${saved.processes.join(' ')}, spec ${spec.name}'s with its parameters (${paramText({ ...saved.run, params: recordedParams })}) are ${recordedModel.processes.join(' ')}`));
  }
  if (model.processes.join(' ') !== saved.processes.join(' ')) {
    fail(MSG.replayParams(flags.file, `its processes are ${saved.processes.join(' ')}, the model's (${paramText({ ...saved.run, params })}) are ${model.processes.join(' ')}`));
  }

  const withCx = saved.properties.filter((p) => p.counterexample !== undefined);
  if (withCx.length === 0) fail(MSG.replayNoCounterexample(flags.file, unbuiltViolations(saved)));
  const chosen = flags.property === undefined ? withCx : withCx.filter((p) => p.name === flags.property);
  if (chosen.length === 0) fail(MSG.replayUnknownProperty(flags.property!, flags.file, withCx.map((p) => p.name)));
  const known = new Set([...spec.propertyNames, DEADLOCK_PROPERTY]);
  const foreign = chosen.find((p) => !known.has(p.name));
  if (foreign) fail(MSG.badSavedFile(flags.file, `spec ${spec.name} has no property ${foreign.name}`));
  for (const p of chosen) checkKind(recordedModel, p, flags.file);

  checkTypedVariables(model, chosen, flags.file);

  const from = `spec ${fileSpec}${saved.run.variant !== undefined ? `, variant ${saved.run.variant}` : ''}`;
  const on = variant !== undefined ? `variant ${variant}` : `spec ${spec.name}`;
  const out: string[] = [`mc replay: ${flags.file} (${from}) on ${on}, ${paramText({ ...saved.run, params })}`];
  // At a step that differs, name only the patches one variant has and the other lacks, as mc diff
  // does: both variants are asked which of theirs run there (a dropped patch runs only on the
  // recorded one). On the recorded variant itself no patch differs and none is named.
  const otherVariant = saved.run.variant !== variant && variant !== undefined;
  const patches = otherVariant ? patchDifference(spec, saved.run.variant, variant) : { added: [], removed: [] };
  const recordedVariantModel = otherVariant && patches !== undefined ? spec.build({ variant: saved.run.variant, params }) : undefined;
  if (otherVariant && patches !== undefined) {
    out.push(
      `  ${variant} adds to ${saved.run.variant}:   ${patches.added.length > 0 ? patchList(patches.added) : '(nothing)'}`,
      `  ${variant} drops from ${saved.run.variant}: ${patches.removed.length > 0 ? patchList(patches.removed) : '(nothing)'}`,
    );
  }
  // Without the two variants' patch lists, nothing is known of which patches differ: the
  // variant's own that run there are named.
  const options: ReplayTextOptions = {
    indent: '  ',
    ...(patches !== undefined ? { showPatches: new Set(patches.added.map((x) => x.id)), droppedPatches: new Set(patches.removed.map((x) => x.id)) } : {}),
    sayWhenNoPatchDiffers: otherVariant && patches !== undefined,
  };
  const decide = `mc check${spec.name !== DEFAULT_SPEC ? ` --spec ${spec.name}` : ''}${variant !== undefined ? ` --variant ${variant}` : ''}${Object.entries(params)
    .map(([name, value]) => ` --${name} ${value}`)
    .join('')}`;
  let reproduced = 0;
  for (const prop of chosen) {
    checkActionsExist(recordedModel, prop, flags.file, `spec ${spec.name} (${paramText({ ...saved.run, params: recordedParams })})`);
    const replay: ScheduleReplay = replaySchedule(model, recordedViolation(prop), recordedVariantModel ? { patchesAlso: [recordedVariantModel] } : {});
    if (asRecorded) checkAsRecorded(replay, prop, flags.file, on);
    if (replay.reproduction.reproduces) reproduced++;
    const inside = endsInsideLine(replay, decide);
    out.push('', `${prop.name}: recorded ${shapeLine(prop.counterexample!)}`, ...renderReplayLines(replay, options), ...(inside !== undefined ? [`  ${inside}`] : []));
  }
  out.push('', `${plural(reproduced, 'recorded violation')} of ${chosen.length} reproduce${reproduced === 1 ? 's' : ''} on ${on}`);
  process.stdout.write(out.join('\n') + '\n');
  return reproduced > 0 ? EXIT.VIOLATION : EXIT.OK;
}

/**
 * A counterexample's typed states (all an ITF file has) must have the model's variables: a trace
 * of another spec, or of another version of this one, would otherwise replay from a wrong start.
 */
function checkTypedVariables<S>(model: Model<S>, chosen: readonly PropertyResult[], file: string): void {
  const first = model.init()[0];
  if (!model.itf || first === undefined) return;
  const expected = Object.keys(model.itf(first)).sort();
  for (const p of chosen) {
    const recorded = p.counterexample?.states?.[0];
    if (recorded === undefined) continue;
    const vars = Object.keys(recorded).sort();
    if (vars.join(' ') !== expected.join(' ')) {
      fail(MSG.badSavedFile(file, `the states of ${p.name} have the variables ${vars.join(', ')}, the model's are ${expected.join(', ')}`));
    }
  }
}

/** A counterexample's check must be one the spec's property has (DeadlockFree: the engine's deadlock check). */
function checkKind<S>(model: Model<S>, prop: PropertyResult, file: string): void {
  const kinds = prop.name === DEADLOCK_PROPERTY ? ['deadlock'] : (model.properties.find((p) => p.name === prop.name)?.checks.map((c) => c.kind) ?? []);
  const check = prop.counterexample!.check;
  if (!kinds.includes(check)) fail(MSG.badSavedFile(file, `${prop.name}'s counterexample is of check ${check}, but ${prop.name} of the spec checks ${[...new Set(kinds)].join(', ')}`));
}

/**
 * The model of the run the file was recorded from (its variant, its parameters): what its steps
 * must be named in. Another variant may lack a step, and so may other parameters: under
 * `--faults 0` the recorded fault injection is a step the replay cannot take, not a malformed file.
 */
function recordedRunModel<S>(spec: SpecDefinition, recorded: string | undefined, replayed: string | undefined, params: Record<string, number>): Model<S> {
  const variant = (spec.variants ?? []).some((v) => v.id === recorded) ? recorded : replayed;
  return spec.build({ ...(variant !== undefined ? { variant } : {}), params });
}

/** Every recorded step must name a step of the spec: one that names none is a malformed file, not a divergence. */
function checkActionsExist<S>(model: Model<S>, prop: PropertyResult, file: string, modelText: string): void {
  const steps = prop.counterexample!.steps;
  const vocabulary = model.actions?.();
  const bad = vocabulary === undefined ? -1 : steps.findIndex((t) => !vocabulary.has(t.action));
  if (bad < 0) return;
  const examples = model.init().flatMap((s) => model.next(s).map((t) => t.action)).slice(0, 3);
  fail(MSG.replayUnknownAction(file, `step ${bad + 1} of ${prop.name}'s counterexample`, steps[bad]!.action, modelText, examples));
}

/**
 * Replayed on the variant and parameters it was recorded with, a counterexample must start from
 * one of the model's initial states and, where the file keeps typed states (`--itf`, `--json`),
 * pass through exactly those as long as each step says what the file says it did: a state that
 * differs there was changed after mc wrote it. Past a step that did something else (a step
 * renamed by hand, to see what another schedule does) the file's states are no longer the
 * replay's to match. A counterexample whose every step does what the file says must show its
 * violation at its end, not before and not never: a loopStart or a step added by hand changes
 * the record, not the schedule.
 */
function checkAsRecorded(replay: ScheduleReplay, prop: PropertyResult, file: string, on: string): void {
  if (replay.initialDiffers) fail(MSG.replayContradictsRecord(file, on, `the first state of ${prop.name}'s counterexample is none of the model's initial states`));
  const m = replay.firstMismatch;
  if (m !== undefined && replay.steps.slice(0, m.index).every((s) => s.kind === 'same')) {
    const where = m.index === 0 ? 'in its first state' : `after step ${m.index} (${prop.counterexample!.steps[m.index - 1]!.action})`;
    const leaf = m.path === '' ? 'the state' : m.path;
    fail(MSG.replayContradictsRecord(file, on, `${where} of ${prop.name}'s counterexample, ${leaf} is ${m.recorded} in the file, ${m.replayed} in the replay`));
  }
  // Every step taken did what the file says: the violation must show exactly where the file says,
  // at its last step (a lasso: when its cycle closes). Past a step that did something else (a
  // schedule to try) it need not.
  if (!replay.steps.every((s) => s.kind === 'same')) return;
  const r = replay.reproduction;
  const length = prop.counterexample!.steps.length;
  if (!r.reproduces && replay.steps.length === length) {
    fail(MSG.replayContradictsRecord(file, on, `every step of ${prop.name}'s counterexample did what the file says, yet ${prop.name} is not violated: ${r.why}`));
  }
  if (r.reproduces && r.at < length) {
    fail(MSG.replayContradictsRecord(file, on, `${prop.name} is violated after step ${r.at} of its counterexample, yet the file goes on to step ${length}`));
  }
}

function chooseVariant(spec: SpecDefinition, variant: string | undefined): string | undefined {
  const ids = (spec.variants ?? []).map((v) => v.id);
  if (ids.length === 0) {
    if (variant !== undefined) fail(MSG.noVariants(spec.name));
    return undefined;
  }
  const chosen = variant ?? spec.defaultVariant;
  if (chosen === undefined) fail(MSG.missingVariant(spec.name, ids));
  if (!ids.includes(chosen)) fail(MSG.unknownVariant(spec.name, chosen, ids));
  return chosen;
}

/** The file's parameters, which must be exactly the spec's and within their ranges. */
function fileParams(spec: SpecDefinition, saved: Result, file: string): Record<string, number> {
  const names = spec.parameters.map((p) => p.name);
  for (const name of Object.keys(saved.run.params)) {
    if (!names.includes(name)) fail(MSG.replayParams(file, `it has parameter ${name}, spec ${spec.name} has ${names.join(', ')}`));
  }
  const out: Record<string, number> = {};
  for (const p of spec.parameters) {
    const v = saved.run.params[p.name];
    if (v === undefined) fail(MSG.replayParams(file, `it has no value for ${p.name}`));
    if (v < p.min || v > p.max) fail(MSG.replayParams(file, `its ${p.name}=${v} is outside ${paramRange(p)}`));
    out[p.name] = v;
  }
  return out;
}
