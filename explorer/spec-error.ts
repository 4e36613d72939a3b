/**
 * A mistake in a spec, found by the engine: which rule of the `Model` contract was broken, what
 * the likely mistake is, and the state it showed in (its `view`, as one line). The CLI prints it
 * as one line, "spec error", exit 4: it is the spec author's to fix, not a bug in the engine.
 *
 * Plain string fields only: an error thrown in a worker thread crosses to the main thread as its
 * own properties (workerpool serialises them, dropping nested objects and the class).
 */
export class SpecError extends Error {
  override readonly name = 'SpecError';
  constructor(
    /** The rule, e.g. `encode/decode round trip`. */
    readonly rule: string,
    /** What went wrong and the likely mistake, one sentence. */
    readonly detail: string,
    /** The offending state's `view` as `key=value, ...`, when there is one. */
    readonly state?: string,
  ) {
    super(`${rule}: ${detail}${state !== undefined ? `; state: ${state}` : ''}`);
  }
}

/** A SpecError, including one rebuilt from a worker thread's serialised copy. */
export function asSpecError(e: unknown): SpecError | undefined {
  if (e instanceof SpecError) return e;
  const o = e as { name?: unknown; rule?: unknown; detail?: unknown; state?: unknown } | null;
  if (o && o.name === 'SpecError' && typeof o.rule === 'string' && typeof o.detail === 'string') {
    return new SpecError(o.rule, o.detail, typeof o.state === 'string' ? o.state : undefined);
  }
  return undefined;
}
