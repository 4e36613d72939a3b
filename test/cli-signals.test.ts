/**
 * SIGTERM and SIGHUP stop a run like Ctrl-C: the partial report, exit 3 (when no violation was
 * found before), and on a terminal the cursor and line wrap restored. `--max-memory` is a ceiling on the process's peak memory.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { describe, expect, it } from 'vitest';
import { isStopSignal } from '../explorer/result';
import { onStopSignals, STOP_SIGNALS } from '../cli/stop-signals';
import { mcSignalled, ROOT } from './cli-helpers';

const LONG = ['check', '--spec', 'two-phase', '--rms', '10', '--no-symmetry', '--workers', '2'];

describe('signals stop the run cleanly', () => {
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    it(`${signal}: partial report, exit 3`, async () => {
      const r = await mcSignalled(signal, 3000, ...LONG);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toBe('');
      // The run names the signal that stopped it, not Ctrl-C.
      expect(r.stdout).toContain(`incomplete: stopped by ${signal === 'SIGTERM' ? 'SIGTERM (kill)' : 'SIGHUP (the terminal closed)'} after`);
      expect(r.stdout).toMatch(/\? TCConsistent\s+unknown/);
    });
  }

  it('mc diff too: the properties left undecided, exit 3, not killed with nothing printed', async () => {
    const r = await mcSignalled('SIGTERM', 3000, 'diff', '--spec', 'two-phase', '--base', 'correct', '--patched', 'mutant', '--rms', '10', '--no-symmetry', '--workers', '2');
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Undecided: a search stopped before deciding');
    expect(r.stdout).toMatch(/TCConsistent: correct \? unknown/);
    // What a stopped search did not take says nothing of the patch.
    expect(r.stdout).toContain('\nBehaviour: steps and outcomes taken on one variant only (each search\'s coverage, by name)\n  not compared: a search stopped before exploring every reachable state\n');
  });

  it('on a terminal: the progress line hid the cursor and turned line wrap off; SIGTERM turns both back on', () => {
    // `script` gives mc a pseudo-terminal, so the progress display is on; the shell inside it
    // sends SIGTERM to mc alone and prints its exit code.
    const inner = `'${process.execPath}' bin/mc ${LONG.join(' ')} & pid=$!; sleep 3; kill -TERM $pid; wait $pid; echo "exit=$?"`;
    const r = spawnSync('script', ['-qec', inner, '/dev/null'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
    const out = r.stdout;
    expect(out).toContain('exit=3');
    const hidden = out.lastIndexOf('\x1b[?25l');
    const wrapOff = out.lastIndexOf('\x1b[?7l');
    expect(hidden, 'the progress line was shown').toBeGreaterThanOrEqual(0);
    expect(wrapOff).toBeGreaterThanOrEqual(0);
    expect(out.lastIndexOf('\x1b[?25h')).toBeGreaterThan(hidden);
    expect(out.lastIndexOf('\x1b[?7h')).toBeGreaterThan(wrapOff);
    expect(out).toContain('incomplete: stopped by SIGTERM (kill)');
  });
});

describe('the first signal', () => {
  for (const signal of STOP_SIGNALS) {
    it(`${signal} aborts the run with its own name as the reason, so that the run can say what stopped it`, () => {
      const controller = new AbortController();
      const restored: string[] = [];
      const stop = onStopSignals(controller, () => restored.push('terminal'));
      try {
        // Emitted, not sent: only the listeners run. A second one would exit the process.
        process.emit(signal as 'SIGINT');
      } finally {
        stop();
      }
      expect(controller.signal.aborted).toBe(true);
      expect(controller.signal.reason).toBe(signal);
      expect(isStopSignal(controller.signal.reason)).toBe(true);
      expect(restored).toEqual([]);
    });
  }
  it('an abort from elsewhere names no signal', () => {
    const controller = new AbortController();
    controller.abort();
    expect(isStopSignal(controller.signal.reason)).toBe(false);
  });
});

describe('--max-memory is a ceiling', () => {
  it.runIf(fs.existsSync('/usr/bin/time'))('the peak resident memory of the run stays under it', () => {
    const limitMiB = 150;
    const r = spawnSync(
      '/usr/bin/time',
      ['-f', 'peak=%M', process.execPath, 'bin/mc', 'check', '--variant', '22876f54', '--writers', '3', '--workers', '2', '--max-memory', `${limitMiB}M`, '--quiet'],
      { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.stdout).toContain('incomplete: stopped by max-memory');
    const peakKiB = Number(/peak=(\d+)/.exec(r.stderr)?.[1]);
    expect(peakKiB).toBeGreaterThan(0);
    expect(peakKiB).toBeLessThanOrEqual(limitMiB * 1024);
  });
});
