/**
 * Headless Chromium for the explorer's end-to-end tests: Debian's `chromium` driven by
 * playwright-core (playwright's own browser download does not work offline). `.ci/run` installs
 * the package when /usr/bin/chromium is missing.
 */
import * as fs from 'fs';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM = process.env['MC_CHROMIUM'] ?? '/usr/bin/chromium';

/**
 * Why the browser tests cannot run here, or undefined. A developer's `npm test` without Chromium
 * skips them and says how to get it; in CI (CI=true, where `.ci/run` installs it) a missing
 * browser is a failure, never a silent skip.
 */
export const BROWSER_UNAVAILABLE =
  !fs.existsSync(CHROMIUM) && process.env['CI'] !== 'true'
    ? `${CHROMIUM} is missing, so the browser tests are skipped: apt-get install -y chromium (or set MC_CHROMIUM), or run bash .ci/run`
    : undefined;

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  /** A new browser context: no cookies, storage or cache shared with any other (a fresh user). */
  context(): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * One Chromium for the whole file (playwright gives it a fresh temporary --user-data-dir of its
 * own); each context is as isolated as a fresh profile and costs milliseconds, not a browser start.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set MC_CHROMIUM to a Chromium binary)`);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  return {
    context: () => browser.newContext({ viewport: { width: 1500, height: 950 }, acceptDownloads: true }),
    close: () => browser.close(),
  };
}
