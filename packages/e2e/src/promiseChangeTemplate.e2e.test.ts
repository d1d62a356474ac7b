/*
 * The kratix-promise-change template through the scaffolder in a real browser against the real
 * platform: the selectors prefilled from the Promise, labelled add / remove buttons, the manifest
 * file field only in pull-request mode, the what-if (summary and scheduling picture before /
 * after) before "Create" and its summary on the review step, then Create applies the change.
 * While the form is open the Promise changes on the platform: the unedited selectors follow it.
 * No deprecated-prop warnings (`enumNames`, `rows`) in the console.
 */
import {
  deletePromise,
  getPromise,
  uniqueName,
  updateKratixObject,
  waitFor,
} from '@kratix-backstage/test-platform';
import { Browser, Page } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  ARTIFACTS_DIR,
  launchBrowser,
  openApp,
  reloadUntil,
  screenshot,
} from './browser';
import { applyDevPromise } from './seedPromise';

const consoleMessages: string[] = [];
function watchConsole(page: Page): Page {
  page.on('console', m => {
    if (m.type() === 'warning' || m.type() === 'error')
      consoleMessages.push(`[${m.type()}] ${m.text()}`);
  });
  return page;
}
/** Warnings the template or our fields would cause. */
const OUR_WARNINGS =
  /enumNames|`rows`|rows.*deprecated|unique "key" prop|validateDOMNesting|Failed prop type/;

describe('kratix-promise-change template in the scaffolder (real browser)', () => {
  let browser: Browser;
  const name = uniqueName('tpl');

  beforeAll(async () => {
    browser = await launchBrowser();
    await applyDevPromise(name);
  });
  afterAll(async () => {
    await browser?.close();
    await deletePromise(name);
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    writeFileSync(
      resolve(ARTIFACTS_DIR, 'template-console.log'),
      `${consoleMessages.join('\n')}\n`,
    );
  });

  it('prefills, shows fields for their mode, shows the what-if before Create, and applies', async () => {
    const page = watchConsole(
      await openApp(browser, `/catalog/default/component/${name}`),
    );
    expect.hasAssertions();
    try {
      await throughTheTemplate(page);
    } catch (e) {
      // What the page showed when a step failed (kept with the other artifacts).
      await screenshot(page, 'tpl-failure');
      writeFileSync(
        resolve(ARTIFACTS_DIR, 'tpl-failure.html'),
        await page.content(),
      );
      throw e;
    }
    await page.close();
  });

  async function throughTheTemplate(page: Page) {
    // The catalog provider gives the new Promise its entity within seconds.
    await reloadUntil(
      page,
      () =>
        page.getByText('Kratix targeting', { exact: true }).first().isVisible(),
      120_000,
    );
    await page.goto(
      `${
        new URL(page.url()).origin
      }/create/templates/default/kratix-promise-change`,
    );

    // Step 1: the Promise.
    // The EntityPicker (MUI Autocomplete): its input is labelled by the parameter's title.
    const picker = page.getByLabel('Promise').first();
    await picker.click();
    await picker.fill(name);
    await page
      .getByRole('option', { name: new RegExp(name) })
      .first()
      .click();
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 2: today's selectors, prefilled; every add / remove control is labelled.
    await page
      .getByText(`Prefilled with the selectors Promise ${name} has today.`)
      .waitFor();
    const value = page.getByLabel('Entry 0 value 0');
    expect(await value.inputValue()).toBe('dev');
    // Someone changes the Promise on the platform while the form is open (a second entry:
    // the first entry still wins environment, so where it runs stays the same). Nothing was
    // edited yet: the field follows the platform within a poll or two.
    await updateKratixObject({ plural: 'promises', name }, obj => {
      obj.spec.destinationSelectors = [
        { matchLabels: { environment: 'dev' } },
        { matchLabels: { environment: 'prod' } },
      ];
    });
    await page
      .getByText(/selectors changed on the platform at .*took the new ones/)
      .waitFor({ timeout: 60_000 });
    expect(await page.getByLabel('Entry 1 value 0').inputValue()).toBe('prod');
    for (const button of [
      'Add entry',
      'Remove entry 0',
      'Add label to entry 0',
      'Remove label 0 of entry 0',
    ]) {
      // The visible text (shown upper-case by the theme) says what the button does.
      const text = await page
        .getByRole('button', { name: button })
        .textContent();
      expect(text?.trim()).toMatch(/^(Add|Remove)/);
    }
    await value.fill('prod');
    await screenshot(page, 'tpl-01-selectors-prefilled');
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 3: the manifest file only in pull-request mode.
    const mode = page.getByRole('button', { name: /Mode/ }).first();
    await mode.waitFor();
    expect(await page.getByLabel('Manifest file').count()).toBe(0);
    await mode.click();
    await page
      .getByRole('option', {
        name: 'Render the updated Promise for a pull request',
      })
      .click();
    await page.getByLabel('Manifest file').first().waitFor();
    await mode.click();
    await page
      .getByRole('option', {
        name: 'Apply now through Backstage (needs kratix.promise.update)',
      })
      .click();
    await waitFor(
      'the manifest file field hidden',
      10_000,
      async () => (await page.getByLabel('Manifest file').count()) === 0,
    );
    await page.getByRole('button', { name: 'Next' }).click();

    // Step 4: what Kratix will do, before Create: summary and the picture before / after.
    await page.getByText('After: where it runs with this change').waitFor();
    const summary = page.getByLabel('What-if summary');
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(
      /^Destinations lost: dev-1, dev-2; Destinations gained: prod-1; 2 WorkPlacement\(s\) become misplaced/,
    );
    const after = page
      .getByRole('img', { name: new RegExp(`^Scheduling picture of ${name}:`) })
      .nth(1);
    expect(await after.getAttribute('aria-label')).toMatch(
      /; 1 gained, 2 lost, 2 WorkPlacements becoming misplaced$/,
    );
    await screenshot(page, 'tpl-02-what-if-before-create');
    await page.getByRole('button', { name: 'Review' }).click();

    // Review step: the what-if summary is listed next to the values; nothing applied yet.
    await page
      .getByText(/Destinations lost: dev-1, dev-2/)
      .first()
      .waitFor();
    // Only what apply mode uses: no manifest file left over from the pull-request mode visit.
    expect(await page.getByText('Target Path').count()).toBe(0);
    expect(await page.getByText('Manifest file').count()).toBe(0);
    expect((await getPromise(name)).spec.destinationSelectors).toEqual([
      { matchLabels: { environment: 'dev' } },
      { matchLabels: { environment: 'prod' } },
    ]);
    await screenshot(page, 'tpl-03-review-step');

    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await waitFor('the Promise updated by the template', 120_000, async () => {
      const p = await getPromise(name);
      return (
        p.spec.destinationSelectors?.[0]?.matchLabels?.environment === 'prod'
      );
    });
    await page.getByText('Spec change').first().waitFor({ timeout: 120_000 });
    await screenshot(page, 'tpl-04-task-done');
  }

  it('causes no deprecated-prop, key or nesting warnings in the browser console', () => {
    expect(consoleMessages.filter(m => OUR_WARNINGS.test(m))).toEqual([]);
  });
});
