/*
 * The platform engineer's flow in a real browser against the real platform: see where a Promise
 * lands and why, move it to prod through the Update tab, watch the Misplaced tab fill as Kratix
 * marks the dev WorkPlacements, clean them up, and check in the cluster that exactly those are gone.
 */
import {
  deletePromise,
  awaitDeletedOrRecreated,
  destinationFiles,
  isMisplaced,
  stateStoreDeletedSince,
  stateStoreHead,
  uniqueName,
  waitFor,
  workPlacementsOf,
} from '@kratix-backstage/test-platform';
import { Browser } from 'playwright-core';
import {
  goto,
  launchBrowser,
  openApp,
  reloadUntil,
  screenshot,
} from './browser';
import { applyDevPromise } from './seedPromise';

const tab = (name: string, path: string) =>
  `/catalog/default/component/${name}/${path}`;

describe('Promise targeting, update and misplaced cleanup (real browser)', () => {
  let browser: Browser;
  const name = uniqueName('e2e');
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await deletePromise(name);
  });

  it('moves a Promise to prod in the UI and cleans up exactly the misplaced WorkPlacements', async () => {
    await applyDevPromise(name);
    const devWps = await workPlacementsOf(name);

    // Targeting: the catalog provider gives the new Promise its page within seconds.
    const page = await openApp(browser, tab(name, 'kratix-targeting'));
    await reloadUntil(
      page,
      () =>
        page
          .getByRole('link', { name: 'prod-1', exact: true })
          .first()
          .isVisible(),
      120_000,
    );
    await page
      .getByText('label environment is "prod", selector wants "dev"')
      .waitFor();
    await screenshot(page, '03-targeting-dev');

    // Update: environment dev → prod, preview (server-side dry run + what-if), apply.
    await goto(page, tab(name, 'kratix-update'));
    const value = page.getByLabel('Entry 0 value 0');
    await value.waitFor();
    expect(await value.inputValue()).toBe('dev');
    await value.fill('prod');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByText('Dry run: the spec changes').waitFor();
    await screenshot(page, '04-update-preview');
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: 'Apply change' })
      .click();
    await page.getByText(`Applied: Promise ${name}`).waitFor();
    await screenshot(page, '05-update-applied');

    // The real Kratix marks the dev WorkPlacements misplaced; the tab fills.
    await waitFor(
      'Kratix marks the dev WorkPlacements',
      60_000,
      async () =>
        (await workPlacementsOf(name)).filter(isMisplaced).length === 2,
    );
    const devFiles = [
      ...(await destinationFiles('dev-1', `dependencies/${name}/`)),
      ...(await destinationFiles('dev-2', `dependencies/${name}/`)),
    ];
    expect(devFiles).toHaveLength(2);
    const storeBefore = await stateStoreHead();
    await goto(page, tab(name, 'kratix-misplaced'));
    await reloadUntil(
      page,
      async () =>
        (await page.getByText('dev-1').count()) > 0 &&
        (await page.getByText('dev-2').count()) > 0,
      60_000,
    );
    await screenshot(page, '06-misplaced');

    // Clean up all misplaced: preflight shown, confirm, per-item results.
    await page.getByRole('button', { name: 'Clean up all misplaced' }).click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByRole('button', { name: 'Delete 2 WorkPlacements' })
      .waitFor();
    await dialog.getByText('files removed from destinations/dev-1/').waitFor();
    await page.waitForTimeout(500); // let the dialog's fade-in finish for the screenshot
    await screenshot(page, '07-cleanup-preflight');
    await dialog
      .getByRole('button', { name: 'Delete 2 WorkPlacements' })
      .click();
    await dialog.getByRole('button', { name: 'Close' }).waitFor();
    await waitFor(
      'results shown',
      60_000,
      async () => (await dialog.getByText(/deleted/i).count()) > 0,
    );
    await screenshot(page, '08-cleanup-results');

    // In the cluster: exactly the two misplaced dev WorkPlacements are gone, with their files (read
    // from the store's history: current Kratix may re-create a dependency WorkPlacement it saw being
    // deleted, which writes its files again; docs/kratix-generations.md).
    const recreated = await awaitDeletedOrRecreated(devWps);
    if (recreated.length)
      process.stdout.write(
        `[e2e] Kratix re-created ${recreated
          .map(wp => wp.metadata.name)
          .join(', ')}\n`,
      );
    const remaining = (await workPlacementsOf(name)).filter(
      wp => !isMisplaced(wp),
    );
    expect(remaining.map(wp => wp.spec.targetDestinationName)).toEqual([
      'prod-1',
    ]);
    expect(await stateStoreDeletedSince(storeBefore)).toEqual(
      expect.arrayContaining(devFiles),
    );
    expect(
      await destinationFiles('prod-1', `dependencies/${name}/`),
    ).toHaveLength(1);

    // History: the update and the cleanup, by the guest user.
    await goto(page, tab(name, 'kratix-history'));
    await reloadUntil(
      page,
      async () => (await page.getByText('user:development/guest').count()) >= 2,
      60_000,
    );
    await screenshot(page, '09-history');
  });
});
