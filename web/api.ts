/**
 * The explorer's HTTP/JSON API, without HTTP: each route takes the parsed query or body and
 * returns JSON or throws an `ApiError` (a 4xx the browser shows as one clear line). Everything is
 * computed by the spec's model and the engine's `Result`; nothing here knows a spec's internals.
 */
import { runInfo } from '../cli/run-info';
import type { Model } from '../explorer/model';
import type { Result } from '../explorer/result';
import { coverageLines, coverageSummary, coverageWarns } from '../reports/coverage';
import { inevitableLine } from '../reports/format';
import type { SpecDefinition } from '../explorer/spec';
import type { CheckJobs, JobStatus } from './check-jobs';
import { firstDivergence, replayActions, type Divergence } from './replay';
import { parseResult } from './result-input';
import { wirePath, type WirePath, type WireState } from './wire';

export class ApiError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 405 | 409 | 413 | 415,
    message: string,
    /** Extra JSON the UI can use (e.g. the part of a path that did replay). */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Longest schedule a URL may carry (far beyond any counterexample; bounds the work per request). */
export const MAX_STEPS = 2000;

export interface ExplorerSetup {
  readonly spec: SpecDefinition;
  /** The spec module's path (the check's child process loads the spec from it). */
  readonly module: string;
  readonly variant?: string;
  readonly params: Readonly<Record<string, number>>;
  readonly symmetry: boolean;
  readonly workers: number;
  /** Results the user named on the command line (`--result FILE`), already validated. */
  readonly results: readonly { readonly file: string; readonly result: Result }[];
}

export type ResultOrigin = 'check' | 'file' | 'upload';

export interface StoredResult {
  readonly variant?: string;
  readonly origin: ResultOrigin;
  /** The file name for `file` and `upload`. */
  readonly name?: string;
  readonly result: Result;
  /** The result's coverage as `mc check --coverage` prints it, when it has one (the page shows these lines). */
  readonly coverage?: CoverageText;
  /**
   * Per property whose failure at quiescence became certain before the trace's last step, the
   * line `mc check` prints for it (`certain from step 10 on, W1 in nfs_writepages: no run ...`),
   * so that the page says it in the terminal's words.
   */
  readonly certain?: Readonly<Record<string, string>>;
}

export interface CoverageText {
  /** The line under the verdicts. */
  readonly summary: string;
  /** A step was never taken (or only by violating transitions): a ✓ says nothing about it. */
  readonly warns: boolean;
  /** The table of steps taken and the states each reached first. */
  readonly table: readonly string[];
}

export interface Query {
  get(name: string): string | null;
  getAll(name: string): string[];
}

export interface CompareResponse {
  readonly left: WirePath;
  readonly right: WirePath;
  /** The right side's state where the schedule could not go on (when `divergence` is `disabled`). */
  readonly rightStuck?: WireState;
  readonly divergence: Divergence;
}

export class ExplorerApi {
  private readonly models = new Map<string, Model<unknown>>();
  private readonly results = new Map<string, StoredResult>();

  constructor(
    readonly setup: ExplorerSetup,
    private readonly jobs: CheckJobs,
  ) {
    for (const { file, result } of setup.results) this.store({ ...variantOf(result), origin: 'file', name: file, result });
  }

  info(): Record<string, unknown> {
    const { spec, params, variant, symmetry } = this.setup;
    const model = this.model(variant);
    return {
      spec: spec.name,
      summary: spec.summary,
      ...(variant !== undefined ? { variant } : {}),
      params,
      symmetry,
      variants: (spec.variants ?? []).map((v) => ({ id: v.id, version: v.version, summary: v.summary })),
      processes: model.processes,
      properties: model.properties.map((p) => ({ name: p.name, description: p.description })),
      initialStates: model.init().length,
      maxSteps: MAX_STEPS,
    };
  }

  path(query: Query): WirePath {
    const variant = this.variantParam(query, 'v');
    const init = this.initParam(query);
    const actions = this.stepsParam(query);
    const model = this.model(variant);
    const outcome = replayActions(model, actions, init);
    const path = wirePath(model, outcome.replayed, variant, init);
    if (outcome.kind === 'stuck') {
      const enabled = path.states[path.states.length - 1]!.enabled.map((t) => t.action);
      throw new ApiError(
        400,
        `step ${outcome.at + 1} of the path, '${outcome.action}', is not enabled there` +
          (enabled.length > 0 ? `; enabled: ${enabled.join(', ')}` : '; no step is enabled there'),
        { path, at: outcome.at },
      );
    }
    return path;
  }

  compare(query: Query): CompareResponse {
    const leftVariant = this.variantParam(query, 'v');
    const rightVariant = this.variantParam(query, 'w');
    const init = this.initParam(query);
    const actions = this.stepsParam(query);
    const leftModel = this.model(leftVariant);
    const left = replayActions(leftModel, actions, init);
    if (left.kind === 'stuck') {
      throw new ApiError(400, `step ${left.at + 1} of the path, '${left.action}', is not enabled on ${leftVariant ?? 'the spec'}`);
    }
    const rightModel = this.model(rightVariant);
    const right = replayActions(rightModel, actions, init);
    const divergence = firstDivergence(leftModel, left.replayed, rightModel, right);
    const rightPath = wirePath(rightModel, right.replayed, rightVariant, init);
    return {
      left: wirePath(leftModel, left.replayed, leftVariant, init),
      right: rightPath,
      ...(right.kind === 'stuck' ? { rightStuck: rightPath.states[rightPath.states.length - 1]! } : {}),
      divergence,
    };
  }

  /** The state of a path's end only (cheap; used by tests and scripts). */
  state(query: Query): WireState {
    const path = this.path(query);
    return path.states[path.states.length - 1]!;
  }

  listResults(): { results: StoredResult[]; job?: JobStatus } {
    const job = this.jobs.status();
    return { results: [...this.results.values()], ...(job ? { job } : {}) };
  }

  startCheck(body: unknown): { job: JobStatus } {
    const variant = this.variantField(body);
    const { spec, module, params, symmetry, workers } = this.setup;
    const started = this.jobs.start(
      {
        source: { module, args: { ...(variant !== undefined ? { variant } : {}), params } },
        run: runInfo(spec, { ...(variant !== undefined ? { variant } : {}), params }),
        workers,
        symmetry,
        // A check from the page always counts coverage: a person reading its ✓s should see the
        // steps they say nothing about (it costs the search some 10-20 % more).
        coverage: true,
      },
      (result) => this.store({ ...variantOf(result), origin: 'check', result }),
    );
    const job = this.jobs.status()!;
    if (!started) throw new ApiError(409, `a check${job.variant !== undefined ? ` of ${job.variant}` : ''} is already running; wait for it or cancel it`);
    return { job };
  }

  cancelCheck(): { cancelled: boolean } {
    return { cancelled: this.jobs.cancel() };
  }

  upload(body: unknown, name: string | undefined): StoredResult {
    const parsed = parseResult(body, this.setup.spec.name, this.setup.params);
    if (typeof parsed === 'string') throw new ApiError(400, `not a result this explorer can show: ${parsed}`);
    const stored: StoredResult = { ...variantOf(parsed), origin: 'upload', ...(name ? { name } : {}), result: parsed };
    return this.store(stored);
  }

  /** Keeps a result (one per variant), with its coverage and where its failures became certain as text. */
  private store(result: StoredResult): StoredResult {
    const c = result.result.coverage;
    const coverage = c !== undefined ? { summary: coverageSummary(c), warns: coverageWarns(c), table: coverageLines(c, undefined, result.result.run.symmetry) } : undefined;
    const certain = Object.fromEntries(
      result.result.properties.flatMap((p) => {
        const line = p.counterexample && inevitableLine(p, p.counterexample);
        return line === undefined ? [] : [[p.name, line] as const];
      }),
    );
    const stored = { ...result, ...(coverage ? { coverage } : {}), ...(Object.keys(certain).length > 0 ? { certain } : {}) };
    this.results.set(stored.variant ?? '', stored);
    return stored;
  }

  private model(variant: string | undefined): Model<unknown> {
    const key = variant ?? '';
    let model = this.models.get(key);
    if (!model) {
      model = this.setup.spec.build({ ...(variant !== undefined ? { variant } : {}), params: this.setup.params });
      this.models.set(key, model);
    }
    return model;
  }

  private variantParam(query: Query, name: string): string | undefined {
    return this.checkVariant(query.get(name) ?? undefined, name === 'v');
  }

  private variantField(body: unknown): string | undefined {
    const raw = body !== null && typeof body === 'object' ? (body as { variant?: unknown }).variant : undefined;
    if (raw !== undefined && typeof raw !== 'string') throw new ApiError(400, 'variant must be a string');
    return this.checkVariant(raw, true);
  }

  private checkVariant(raw: string | undefined, defaulted: boolean): string | undefined {
    const ids = (this.setup.spec.variants ?? []).map((v) => v.id);
    if (ids.length === 0) {
      if (raw !== undefined && raw !== '') throw new ApiError(400, `spec ${this.setup.spec.name} has no variants`);
      return undefined;
    }
    const variant = raw ?? (defaulted ? this.setup.variant : undefined);
    if (variant === undefined) throw new ApiError(400, `a variant is needed; variants: ${ids.join(', ')}`);
    if (!ids.includes(variant)) throw new ApiError(400, `unknown variant '${variant}'; variants: ${ids.join(', ')}`);
    return variant;
  }

  private initParam(query: Query): number {
    const raw = query.get('i');
    if (raw === null || raw === '') return 0;
    const count = this.model(this.setup.variant).init().length;
    const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!(n < count)) throw new ApiError(400, `initial state index must be an integer in 0..${count - 1}, got '${raw}'`);
    return n;
  }

  private stepsParam(query: Query): string[] {
    const steps = query.getAll('s');
    if (steps.length > MAX_STEPS) throw new ApiError(413, `a path may have at most ${MAX_STEPS} steps, got ${steps.length}`);
    return steps;
  }
}

function variantOf(result: Result): { variant?: string } {
  return result.run.variant !== undefined ? { variant: result.run.variant } : {};
}
