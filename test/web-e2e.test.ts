/**
 * The explorer in a real browser (headless Chromium) against the built `mc explore`: a new user
 * checks 22876f54, follows its lasso and reads why it loops, opens the shared link in a fresh
 * profile and lands on the same state, replays the lasso on 06c9fdf3 and sees it part and hold,
 * and exports the sequence diagram. With MC_SCREENSHOTS=DIR the main views are saved there
 * (docs/ holds the README's, taken with MC_E2E_WRITERS=3).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BROWSER_UNAVAILABLE, launchBrowser, type Browser } from './support/browser';
import { serveCli, type Served } from './support/explore-server';

const WRITERS = process.env['MC_E2E_WRITERS'] ?? '2';
const SHOTS = process.env['MC_SCREENSHOTS'];
/** A check of two writers takes seconds; three (the README's screenshots) much longer. */
const CHECK_MS = WRITERS === '2' ? 120_000 : 900_000;

let served: Served;
let browser: Browser;
const pageErrors: string[] = [];

if (BROWSER_UNAVAILABLE) console.warn(BROWSER_UNAVAILABLE);

beforeAll(async () => {
  if (BROWSER_UNAVAILABLE) return;
  [served, browser] = await Promise.all([serveCli('--variant', '22876f54', '--writers', WRITERS, '--workers', '1'), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

async function open(url: string): Promise<Page> {
  const ctx = await browser.context();
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${served.base}${url}`);
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, name) });
}

const text = async (page: Page, selector: string): Promise<string> => (await page.locator(selector).first().textContent()) ?? '';

/** What the state pane shows: heading, step, every field and its value, and which ones changed. */
async function stateShown(page: Page): Promise<string> {
  await page.locator('.state-pane h2').waitFor();
  return page.locator('.state-pane').evaluate((el) =>
    [
      el.querySelector('h2')?.textContent,
      el.querySelector('.step-heading')?.textContent,
      ...[...el.querySelectorAll('.group tr')].map((tr) => `${tr.className}|${tr.textContent}`),
    ].join('\n'),
  );
}

describe.skipIf(BROWSER_UNAVAILABLE !== undefined)('mc explore in a browser', () => {
  let lassoUrl = '';
  let explorer: Page;

  test('a new user runs the check from the page and follows the lasso to see why it loops', async () => {
    explorer = await open('/?v=22876f54');
    await page0(explorer);
    await explorer.locator('#hint-check').click();
    // Progress shows while the search runs, then the violations offer their counterexamples.
    await explorer.locator('.spinner').first().waitFor();
    await explorer.locator('button.follow', { hasText: 'WbPageTerminates' }).click({ timeout: CHECK_MS });

    const headline = await text(explorer, '.context .headline');
    expect(headline).toMatch(/WbPageTerminates violated on 22876f54 · lasso: 10-step prefix, then a 1-step cycle that repeats forever/);
    expect(await text(explorer, '#where')).toBe('at the start of the cycle: the next steps repeat forever');
    const roles = await explorer.locator('.fairness tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent).join(' ')));
    expect(roles[0]).toBe('W1 spins');
    expect(roles.slice(1).every((r) => r.endsWith('blocked'))).toBe(true);
    expect(await text(explorer, '.fairness')).toMatch(/i_rwsem held by W1/);
    expect(await text(explorer, '.fairness .why')).toMatch(/W1 never leaves the region/);
    // The step into the cycle changed the page: highlighted with its old value.
    expect(await explorer.locator('.group tr.changed[data-field="page[0]"] .before').textContent()).toMatch(/^was cached locked=W1 dirty/);

    // Into the cycle: the last state's forward goes round the cycle again.
    await explorer.keyboard.press('ArrowRight');
    await explorer.locator('#where', { hasText: 'in the cycle' }).waitFor();
    expect(await text(explorer, '#forward')).toBe('↻ step 11');
    expect(await text(explorer, '.step-heading')).toMatch(/nfs_commit_inode\(FLUSH_SYNC\) returns 0: loops/);
    await shot(explorer, 'explore-lasso.png');

    // The filter hides every field that does not mention W2.
    await explorer.locator('#filter').fill('W2');
    const fields = await explorer.locator('.group tr').evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-field') ?? ''} ${r.textContent}`));
    expect(fields.length).toBeGreaterThan(0);
    expect(fields.every((f) => f.includes('W2'))).toBe(true);
    await explorer.locator('#filter').fill('');
    await explorer.locator('#filter').press('Escape');
    await explorer.keyboard.press('ArrowLeft');
    await explorer.locator('#where', { hasText: 'at the start of the cycle' }).waitFor();
    lassoUrl = explorer.url().slice(served.base.length);
  }, CHECK_MS + 60_000);

  test('the Check tab says under the verdicts which steps the check covered, the table folded beneath', async () => {
    const check = await open('/?v=22876f54');
    await check.locator('#hint-check, button.follow').first().waitFor();
    await check.keyboard.press('c');
    // Each follow button names its property to a screen reader, as its row does on screen.
    await check.getByRole('button', { name: "follow NoRequestLeak's trace" }).waitFor();
    expect(await check.getByRole('button', { name: "follow WbPageTerminates's lasso" }).textContent()).toBe('follow the lasso →');
    // Every step taken, so no ✓ there is vacuous; the spin's loop back reaches no new state.
    await check.locator('p.coverage').waitFor();
    expect(await text(check, 'p.coverage')).toBe('coverage: all 11 steps taken');
    expect(await check.locator('p.coverage').getAttribute('class')).toBe('muted coverage');
    expect(await check.locator('details.coverage-table').getAttribute('open')).toBeNull();
    await check.locator('details.coverage-table summary').click();
    expect(await text(check, 'details.coverage-table pre')).toMatch(/\[nfs_commit_inode returns 0\] +[\d,]+ +0 {2}no new state/);
    await check.close();
  });

  test("the request leak's counterexample says where the leak became certain, one click away", async () => {
    // The first test's check is kept by the server: the page offers its counterexamples at once.
    const leak = await open('/?v=22876f54');
    await leak.locator('button.follow', { hasText: 'NoRequestLeak' }).click({ timeout: CHECK_MS });
    expect(await text(leak, '.context .summary.certain')).toBe('Certain from step 10 on, W1 in nfs_writepages: no run from there reaches a quiescent state where NoRequestLeak holds.');
    await leak.locator('#certain').click();
    await leak.locator('#where', { hasText: 'from here the failure is certain' }).waitFor();
    expect(await text(leak, '#where')).toMatch(/^step 10 of \d+: from here the failure is certain$/);
    expect(await text(leak, '.step-heading')).toMatch(/nfs_pageio_add_request fails -EDQUOT .*stays attached to clean page 0/);
    await leak.close();
  }, CHECK_MS + 60_000);

  test('where every property holds over a search that never took a step, the hint says so beside the ✓', async () => {
    // mainline with one write per writer never enters nfs_wb_page.
    const vacuous = await serveCli('--variant', 'mainline', '--writers', '1', '--writes', '1', '--workers', '1');
    try {
      const ctx = await browser.context();
      const page = await ctx.newPage();
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto(`${vacuous.base}/?v=mainline`);
      await page.locator('#hint-check').click();
      await page.locator('.context.hint.good').waitFor({ timeout: CHECK_MS });
      expect(await text(page, '.context.hint.good')).toMatch(/^✓ mainline: every property holds \(MappingNonNull, WbPageTerminates, NoRequestLeak, DeadlockFree\)\./);
      expect(await text(page, '.context.hint.good .coverage')).toBe(
        'but coverage: 1 of 11 steps never taken (enabled in no reachable state): wb_page_iter; a ✓ says nothing about their behaviour',
      );
      await page.close();
    } finally {
      await vacuous.stop();
    }
  }, CHECK_MS + 60_000);

  test('the link opened in a fresh browser profile lands on the same state', async () => {
    expect(lassoUrl).toMatch(/at=10/);
    const fresh = await open(lassoUrl);
    await fresh.locator('#where').waitFor();
    expect(await stateShown(fresh)).toBe(await stateShown(explorer));
    expect(await text(fresh, '.context .headline')).toBe(await text(explorer, '.context .headline'));
    expect(await fresh.locator('.lanes tr.current').getAttribute('data-step')).toBe('10');
  });

  test('replayed on 06c9fdf3 the lasso parts where the launder frees the request, and 06c9fdf3 holds', async () => {
    await explorer.keyboard.press('v');
    const why = explorer.locator('#divergence');
    await why.waitFor();
    expect(await explorer.locator('#compare-variant').inputValue()).toBe('06c9fdf3');
    expect(await why.textContent()).toMatch(/They part at step 6: the same choice, F\.flush\(p0,fault\), does something else on 06c9fdf3/);
    expect(await why.textContent()).toMatch(/removed and freed/);
    expect(await explorer.locator('tr.diverges').getAttribute('data-step')).toBe('6');
    await explorer.locator('#check-other').click();
    await explorer.locator('#other-verdict .verdict-holds', { hasText: 'WbPageTerminates holds' }).waitFor({ timeout: CHECK_MS });
    expect(await text(explorer, '#other-verdict')).toMatch(/no schedule at all violates it on 06c9fdf3/);
    await shot(explorer, 'compare.png');
  }, CHECK_MS + 60_000);

  test('the sequence diagram exports as SVG and PNG', async () => {
    await explorer.keyboard.press('d');
    await explorer.locator('#sequence').waitFor();
    const [svg] = await Promise.all([explorer.waitForEvent('download'), explorer.locator('#export-svg').click()]);
    expect(svg.suggestedFilename()).toBe('mc-22876f54-WbPageTerminates.svg');
    const svgText = fs.readFileSync((await svg.path())!, 'utf8');
    expect(svgText).toMatch(/^<\?xml[^>]*>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svgText).toContain('loop: repeats forever');
    expect(svgText).toContain('W1.wb_page_iter[nfs_commit_inode returns 0]');
    const [png] = await Promise.all([explorer.waitForEvent('download'), explorer.locator('#export-png').click()]);
    const bytes = fs.readFileSync((await png.path())!);
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(bytes.length).toBeGreaterThan(10_000);
    await shot(explorer, 'diagram.png');
    await explorer.keyboard.press('c');
    await explorer.locator('table.verdicts').first().waitFor();
    await shot(explorer, 'check.png');
  });

  test('keys step through the state space, and bad links say what is wrong', async () => {
    const page = await open('/?v=22876f54');
    await page.locator('ol.enabled li').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.locator('.nav .pos', { hasText: '1 / 1' }).waitFor();
    expect(decodeURIComponent(page.url())).toContain('s=W1.start_io_write(p0,s2)');
    await page.keyboard.press('1');
    await page.locator('.nav .pos', { hasText: '2 / 2' }).waitFor();
    await page.keyboard.press('ArrowLeft');
    await page.locator('.nav .pos', { hasText: '1 / 2' }).waitFor();
    await page.goBack();
    await page.locator('.nav .pos', { hasText: '2 / 2' }).waitFor();

    const unknown = await open('/?v=nope');
    await unknown.locator('#error').waitFor();
    expect(await text(unknown, '#error')).toMatch(/unknown variant 'nope'; variants: .*22876f54.*Showing variant 22876f54/);
    const stuck = await open('/?v=22876f54&s=W1.start_io_write(p0,s0)&s=bogus');
    await stuck.locator('#error').waitFor();
    expect(await text(stuck, '#error')).toMatch(/This link's path does not replay: step 2 of the path, 'bogus', is not enabled there; enabled: W1.write_begin/);
    expect(await text(stuck, '.nav .pos')).toBe('1 / 1');
    expect(pageErrors).toEqual([]);
  });
});

/** The landing page: the initial state, its enabled steps, and the way to the check. */
async function page0(page: Page): Promise<void> {
  await page.locator('ol.enabled li').first().waitFor();
  expect(await text(page, '.state-pane h2')).toBe('Initial state');
  expect(await page.locator('ol.enabled li').count()).toBeGreaterThan(1);
  await shot(page, 'explore-start.png');
}
