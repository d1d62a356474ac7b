/*
 * The app on its embedded default: the catalog lists the demo Promise (emitted by the Kratix
 * catalog provider, no hand-written catalog file) and its page opens with the Kratix tabs, the
 * About card, the History tab, and its relations to the Destinations it targets.
 */
import { Browser } from 'playwright-core';
import { launchBrowser, openApp, screenshot } from './browser';

describe('catalog with the demo Promise (real browser)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  it('lists the demo Promise in the catalog and opens its page', async () => {
    const page = await openApp(browser, '/catalog?filters[kind]=component');
    await page.getByRole('link', { name: 'TeamNamespace' }).first().waitFor();
    await screenshot(page, '01-catalog');
    await page.getByRole('link', { name: 'TeamNamespace' }).first().click();
    await page.getByText('Kratix targeting', { exact: true }).first().waitFor();
    await page.getByText('Misplaced', { exact: true }).first().waitFor();
    await page.getByText('kratix-promise').first().waitFor();
    // The overview: the catalog's About card, the plugin's History tab, and the Destinations the
    // provider related the Promise to.
    await page.getByText('History', { exact: true }).first().waitFor();
    await page.getByText('About', { exact: true }).first().waitFor();
    await page.getByRole('link', { name: 'dev-1' }).first().waitFor();
    await screenshot(page, '02-demo-promise-page');
    expect(page.url()).toContain('/catalog/default/component/team-namespace');
  });
});
