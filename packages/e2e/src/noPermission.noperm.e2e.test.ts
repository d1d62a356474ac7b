/*
 * With the backend restarted without Kratix admins (dev/e2e.sh phase 2), guest may read but not
 * clean up a Promise it does not own: the button is disabled in the browser and the API refuses.
 */
import {
  applyPromise,
  deletePromise,
  isMisplaced,
  promiseManifest,
  uniqueName,
  waitFor,
  workPlacementsOf,
} from '@kratix-backstage/test-platform';
import { Browser } from 'playwright-core';
import {
  BACKEND_URL,
  goto,
  launchBrowser,
  newPage,
  reloadUntil,
  screenshot,
} from './browser';

describe('user without the cleanup permission (real browser)', () => {
  let browser: Browser;
  const name = uniqueName('e2e-noperm');
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await deletePromise(name);
  });

  it('disables Clean up and the API answers 403', async () => {
    await applyPromise(promiseManifest(name, [{ environment: 'dev' }]));
    await waitFor(
      'dev WorkPlacements',
      60_000,
      async () => (await workPlacementsOf(name)).length === 2,
    );
    await applyPromise(promiseManifest(name, [{ environment: 'prod' }]));
    await waitFor(
      'misplaced',
      60_000,
      async () =>
        (await workPlacementsOf(name)).filter(isMisplaced).length === 2,
    );

    // Remember the signed-in user's token from the app's own calls to the kratix backend.
    let authorization: string | undefined;
    const page = await newPage(browser);
    page.on('request', r => {
      if (r.url().includes('/api/kratix/') && r.headers().authorization)
        authorization = r.headers().authorization;
    });
    await goto(page, `/catalog/default/component/${name}/kratix-misplaced`);
    const button = page.getByRole('button', { name: 'Clean up all misplaced' });
    await reloadUntil(
      page,
      async () =>
        (await page.getByText('dev-1').count()) > 0 &&
        (await button.count()) > 0,
      120_000,
    );
    await waitFor('permission decided', 30_000, () => button.isDisabled());
    await screenshot(page, '10-noperm-misplaced');

    // The API refuses the same user.
    expect(authorization).toMatch(/^Bearer /);
    const res = await fetch(
      `${BACKEND_URL}/api/kratix/platforms/default/cleanup`,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: authorization!,
        },
        body: JSON.stringify({ all: true, promise: name }),
      },
    );
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toContain(
      'kratix.workplacement.delete is not allowed',
    );
    expect((await workPlacementsOf(name)).filter(isMisplaced)).toHaveLength(2);
  });
});
