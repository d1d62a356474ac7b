import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Browser, Page, chromium } from 'playwright-core';
import { waitFor } from '@kratix-backstage/test-platform';

/** Where the app under test runs (dev/e2e.sh starts it). */
export const APP_URL =
  process.env.KRATIX_E2E_APP_URL ?? 'http://localhost:3000';
export const BACKEND_URL =
  process.env.KRATIX_E2E_BACKEND_URL ?? 'http://localhost:7007';

/** Screenshots are kept as test artifacts in <repo>/test-results/e2e. */
export const ARTIFACTS_DIR = resolve(
  process.env.KRATIX_E2E_ARTIFACTS ??
    resolve(process.cwd(), 'test-results/e2e'),
);

/** Debian's chromium, headless, with the flags this sandboxed, offline machine needs. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = resolve(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** A new page; pages of one browser share one context, so the guest sign-in is done once. */
export async function newPage(browser: Browser): Promise<Page> {
  const context =
    browser.contexts()[0] ??
    (await browser.newContext({ viewport: { width: 1440, height: 1000 } }));
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  return page;
}

/** Goes to a path of the app, signing in as guest when the sign-in page shows. */
export async function goto(page: Page, path: string): Promise<void> {
  await page.goto(`${APP_URL}${path}`);
  const enter = page.getByRole('button', { name: 'Enter' });
  const signedIn = page.getByRole('link', { name: 'Catalog' }).first();
  await Promise.race([enter.waitFor(), signedIn.waitFor()]);
  if (await enter.isVisible()) {
    await enter.click();
    await enter.waitFor({ state: 'hidden' });
  }
}

/** Opens a path of the app in a new page, signed in as guest. */
export async function openApp(browser: Browser, path: string): Promise<Page> {
  const page = await newPage(browser);
  await goto(page, path);
  return page;
}

/**
 * Waits until `what` holds, reloading the page (and letting it settle) between checks: for
 * content that appears only after the catalog or Kratix catches up.
 */
export async function reloadUntil(
  page: Page,
  what: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  await waitFor('page content', timeoutMs, async () => {
    if (await what()) return true;
    await page.reload();
    await page.waitForLoadState('networkidle').catch(() => undefined);
    return what();
  });
}
