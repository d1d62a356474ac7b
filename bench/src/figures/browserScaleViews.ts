/*
 * The pictures at platform scale, in Chromium against the bench control plane: the targeting
 * tab's scheduling picture of a Promise on every Destination, and the Kratix page's heat map of
 * every Promise by every Destination. Each is timed from navigation start until it is visible,
 * described from what the page shows (its accessible name and subheader) and kept as a
 * screenshot under test-results/bench/ (not committed).
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { BenchOptions } from '../options';
import { Figure, fmtInt, fmtMs } from '../results/figure';
import { TYPICAL_PROMISE } from '../seed/layout';

export const SCREENSHOT_DIR = resolve(__dirname, '../../../test-results/bench');

const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? '').trim();

/** Navigation start → `ready` visible, in ms since the page's time origin. */
async function openAndTime(
  page: Page,
  url: string,
  ready: () => Promise<void>,
): Promise<number> {
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  await ready();
  return page.evaluate(() => performance.now());
}

export async function measureScaleViews(
  o: BenchOptions,
  appUrl: string,
  newContext: () => Promise<BrowserContext>,
): Promise<Figure[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const context = await newContext();
  try {
    const page = await context.newPage();
    const destinations = fmtInt(o.destinations);

    // The targeting tab of a Promise whose selector every Destination matches.
    const picture = page
      .getByRole('img', {
        name: new RegExp(`^Scheduling picture of ${TYPICAL_PROMISE}:`),
      })
      .first();
    const pictureMs = await openAndTime(
      page,
      `${appUrl}/catalog/default/component/${TYPICAL_PROMISE}/kratix-targeting`,
      () => picture.waitFor({ timeout: 120_000 }),
    );
    const pictureLabel = (await picture.getAttribute('aria-label')) ?? '';
    const pictureCard = page.locator('.MuiCard-root', { has: picture }).first();
    const subheader = (
      (await pictureCard
        .locator('.MuiCardHeader-subheader')
        .first()
        .textContent()
        .catch(() => '')) ?? ''
    ).trim();
    const pictureShot = resolve(
      SCREENSHOT_DIR,
      `scheduling-picture-${o.destinations}-destinations.png`,
    );
    await pictureCard.scrollIntoViewIfNeeded();
    await pictureCard.screenshot({ path: pictureShot });

    // The Kratix page: every Promise by every Destination.
    const heatMap = page.getByRole('table', {
      name: 'Promises by Destination (heat map)',
    });
    const heatMs = await openAndTime(page, `${appUrl}/kratix`, () =>
      heatMap.waitFor({ timeout: 120_000 }),
    );
    const grouping = await text(page, 'text=/Destinations grouped by/');
    const heatShot = resolve(
      SCREENSHOT_DIR,
      `kratix-page-heat-map-${o.destinations}-destinations.png`,
    );
    await page.screenshot({ path: heatShot, fullPage: true });

    return [
      {
        id: 'browser.scale.picture',
        name: `Targeting tab of ${TYPICAL_PROMISE} (its selector matches one pool of the ${destinations} Destinations) in Chromium: navigation start → scheduling picture visible`,
        result: `${fmtMs(pictureMs)}; the picture: "${pictureLabel.replace(
          /^Scheduling picture of [^:]+: /,
          '',
        )}"; "${subheader}" (screenshot test-results/bench/${pictureShot
          .split('/')
          .pop()})`,
        met: null,
        data: { ms: pictureMs, label: pictureLabel, subheader },
      },
      {
        id: 'browser.scale.heatMap',
        name: `Kratix page (${fmtInt(
          o.promises,
        )} Promises × ${destinations} Destinations) in Chromium: navigation start → heat map visible`,
        result: `${fmtMs(
          heatMs,
        )}; "${grouping}" (screenshot test-results/bench/${heatShot
          .split('/')
          .pop()})`,
        met: null,
        data: { ms: heatMs, grouping },
      },
    ];
  } finally {
    await context.close();
  }
}
