/**
 * An abort (Ctrl-C, SIGTERM) during the search or the phase after it (liveness and traces): a
 * violation found before it stands, with its counterexample when that was already found.
 */
import * as path from 'path';
import { afterEach, describe, expect, it } from 'vitest';
import { explore } from '../explorer';
import type { Result } from '../explorer/result';
import { EXIT } from '../cli/exit-codes';
import { MSG } from '../cli/messages';
import { outcome, unbuiltViolations } from '../cli/outcome';
import { completionLine } from '../reports/format';
import { renderMarkdown } from '../reports/markdown';
import { renderVerdicts } from '../reports/terminal';

const MODULE = path.join(__dirname, 'models', 'post-search');
const hook = globalThis as { mcOnView?: () => void; mcOnNext?: (n: number) => void };

const run = (options: { signal?: AbortSignal; maxStates?: number } = {}) =>
  explore({ module: MODULE, args: { params: {} } }, { spec: 'post-search', params: {} }, { workers: 1, symmetry: false, ...options });

/** Every property violated with its counterexample (1, 2 and 3 steps), no deadlock. */
const EVERY_ONE_RENDERED = [
  ['Below1', 'violated', 1],
  ['Below2', 'violated', 2],
  ['Below3', 'violated', 3],
  ['DeadlockFree', 'holds', undefined],
];

const verdicts = (result: Result) => result.properties.map((p) => [p.name, p.verdict, p.counterexample?.steps.length]);

describe('abort after the search', () => {
  afterEach(() => {
    delete hook.mcOnView;
    delete hook.mcOnNext;
  });

  it('uninterrupted: every property is violated with its counterexample', async () => {
    const result = await run();
    expect(result.completion).toEqual({ complete: true });
    expect(verdicts(result)).toEqual(EVERY_ONE_RENDERED);
  });

  it('aborted while the first counterexample is rendered: the paths were all found, so every one is rendered and nothing was cut short', async () => {
    const controller = new AbortController();
    hook.mcOnView = () => controller.abort();
    const result = await run({ signal: controller.signal });
    expect(controller.signal.aborted).toBe(true);
    expect(result.completion).toEqual({ complete: true });
    expect(verdicts(result)).toEqual(EVERY_ONE_RENDERED);
  });
});

describe('abort during the search', () => {
  afterEach(() => {
    delete hook.mcOnNext;
  });

  /**
   * Aborts as the search expands n = 2: states are checked as they are expanded, so Below1 and
   * Below2 fail, and n = 3 is found but neither checked nor expanded.
   */
  const interrupted = async (reason?: unknown): Promise<Result> => {
    const controller = new AbortController();
    hook.mcOnNext = (n) => {
      if (n !== 2) return;
      delete hook.mcOnNext;
      controller.abort(reason);
    };
    return run({ signal: controller.signal });
  };

  it('the violations found stand, without the counterexamples the abort left unbuilt; exit 1, not 3', async () => {
    const result = await interrupted();
    expect(result.completion).toEqual({ complete: false, stoppedBy: 'interrupted' });
    expect(result.stats.distinct).toBe(4);
    expect(result.stats.queue).toBe(1);
    expect(verdicts(result)).toEqual([
      ['Below1', 'violated', undefined],
      ['Below2', 'violated', undefined],
      ['Below3', 'unknown', undefined],
      ['DeadlockFree', 'unknown', undefined],
    ]);
    expect(outcome(result).exit).toBe(EXIT.VIOLATION);
  });

  it('--itf and mc replay say that the violations have no counterexample, not that nothing is violated', async () => {
    const result = await interrupted();
    expect(unbuiltViolations(result)).toEqual(['Below1', 'Below2']);
    expect(MSG.nothingToWrite('--itf', unbuiltViolations(result)).text).toBe(
      '--itf: Below1, Below2 are violated, but the interrupt came before their counterexamples were built, so there is none to write',
    );
    expect(MSG.replayNoCounterexample('out.json', ['Below1']).text).toBe(
      "'out.json' has no counterexample to replay: Below1 is violated in it, but the run was interrupted before its counterexample was built",
    );
    expect(MSG.nothingToWrite('--itf').text).toBe('--itf: no property is violated, so there is no counterexample to write');
  });

  it('names the signal that stopped it when the abort gives one as its reason (cli/stop-signals.ts), and no other', async () => {
    const killed = await interrupted('SIGTERM');
    expect(killed.completion).toEqual({ complete: false, stoppedBy: 'interrupted', signal: 'SIGTERM' });
    expect(completionLine(killed)).toBe('incomplete: stopped by SIGTERM (kill) after 4 states; violations found stand; the other verdicts are unknown');
    const ctrlC = await interrupted('SIGINT');
    expect(completionLine(ctrlC)).toMatch(/^incomplete: stopped by an interrupt \(Ctrl-C\) after 4 states/);
    expect((await interrupted('not a signal')).completion).toEqual({ complete: false, stoppedBy: 'interrupted' });
  });

  it('the reports say so, and how to get the counterexample: a run bounded where the interrupt came builds it', async () => {
    const result = await interrupted();
    const note = 'found before the interrupt stopped the run; its counterexample was not built (rerun with --max-states 4 to get it)';
    expect(renderVerdicts(result)).toMatch(new RegExp(`✗ Below1\\s+violated\\s+${note.replace(/[()]/g, '\\$&')}\n`));
    expect(renderVerdicts(result)).toMatch(/\? Below3\s+unknown\n/);
    expect(renderVerdicts(result)).toContain('violations found stand; the other verdicts are unknown');
    expect(renderMarkdown(result)).toContain(`| Below1 | ✗ violated | *${note}* |`);

    const bounded = await run({ maxStates: 4 });
    expect(bounded.completion).toEqual({ complete: false, stoppedBy: 'max-states' });
    expect(verdicts(bounded).slice(0, 2)).toEqual([
      ['Below1', 'violated', 1],
      ['Below2', 'violated', 2],
    ]);
  });
});
