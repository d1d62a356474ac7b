// Adopter test, last check: a real browser (Debian chromium) opens the adopter app, served by its
// own backend, signs in as guest and shows our Kratix tabs on the demo Promise's catalog page.
// Usage: node dev/adopter/browser.mjs <base url> <entity path> <screenshot file>
import { chromium } from 'playwright-core';

const [base, entityPath, shot] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-dev-shm-usage',
  ],
});
const fail = async (page, why) => {
  if (page)
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
  console.error(`browser: ${why} (screenshot ${shot})`);
  await browser.close();
  process.exit(1);
};
const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
page.setDefaultTimeout(60_000);
try {
  await page.goto(`${base}${entityPath}`);
  // create-app's sign-in page offers guest; once signed in the catalog shows.
  const enter = page.getByRole('button', { name: 'Enter' });
  // The entity page's tabs (links in the new frontend system's header).
  const tabNamed = name => page.getByText(name, { exact: true }).first();
  const tab = tabNamed('Kratix targeting');
  await Promise.race([enter.waitFor(), tab.waitFor()]);
  if (await enter.isVisible()) await enter.click();
  // The catalog provider may still be adding the entity: reload until the tab is there.
  const deadline = Date.now() + 120_000;
  while (!(await tab.isVisible().catch(() => false))) {
    if (Date.now() > deadline)
      await fail(page, 'no "Kratix targeting" tab on the Promise page');
    await page.waitForTimeout(3000);
    if (!(await tab.isVisible().catch(() => false))) await page.reload();
    await tab.waitFor({ timeout: 15_000 }).catch(() => {});
  }
  for (const name of ['Misplaced', 'Update', 'History', 'Workflows']) {
    await tabNamed(name).waitFor({ timeout: 10_000 });
  }
  await tab.click();
  // The targeting tab's content from our backend: why prod-1 is not targeted (the seed's Promise
  // selects environment: dev).
  await page
    .getByText('label environment is "prod", selector wants "dev"')
    .first()
    .waitFor();
  await page.screenshot({ path: shot, fullPage: true });
  console.log(
    'browser: the Promise page shows the Kratix tabs; targeting says why prod-1 is not targeted',
  );
} catch (e) {
  await fail(page, e.message.split('\n')[0]);
}
await browser.close();
