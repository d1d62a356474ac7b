/*
 * Real Kratix workflows in a real browser: a Promise with a configure workflow and two resource
 * requests whose workflows run on the local platform's node; the Workflows tab lists their runs,
 * and after an update applied in the Update tab, "Workflow re-runs" follows the runs Kratix starts
 * (the Promise's, then each request's) until they have finished. Needs the node (current Kratix,
 * as root); skipped with a note otherwise.
 */
import {
  applyPromise,
  createTeamBucket,
  deletePromise,
  deleteTeamBucket,
  platformRunsWorkflows,
  teamBucketConfigured,
  uniqueName,
  waitFor,
  workflowPromise,
} from '@kratix-backstage/test-platform';
import { Browser } from 'playwright-core';
import {
  goto,
  launchBrowser,
  openApp,
  reloadUntil,
  screenshot,
} from './browser';

const tab = (name: string, path: string) =>
  `/catalog/default/component/${name}/${path}`;
const describeWithNode = platformRunsWorkflows() ? describe : describe.skip;
if (!platformRunsWorkflows()) {
  // eslint-disable-next-line no-console
  console.warn(
    'workflow browser test skipped: the local platform runs no node (dev/platform/README.md, "The node")',
  );
}

describeWithNode(
  'Kratix workflow runs and the re-runs of an update (real browser)',
  () => {
    let browser: Browser;
    const name = uniqueName('e2ewf');
    const { manifest, group } = workflowPromise(name, 'dev');
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await deleteTeamBucket(group, 'orders');
      await deleteTeamBucket(group, 'analytics');
      await deletePromise(name, 120_000).catch(() => undefined);
    });

    it('lists the runs and follows the re-runs an update applied in the Update tab causes', async () => {
      await applyPromise(manifest);
      await waitFor('the Promise resource API', 120_000, async () =>
        createTeamBucket(group, 'orders', { team: 'orders' }).then(
          () => true,
          () => false,
        ),
      );
      await createTeamBucket(group, 'analytics', { team: 'analytics' });
      await waitFor(
        'both requests configured by their workflows',
        240_000,
        async () =>
          (
            await Promise.all(
              ['orders', 'analytics'].map(r => teamBucketConfigured(group, r)),
            )
          ).every(Boolean),
      );

      // Workflows tab: the Promise's run and both requests' runs, each succeeded.
      const page = await openApp(browser, tab(name, 'kratix-workflows'));
      const succeededRuns = () =>
        page.getByRole('row').filter({ hasText: 'succeeded' }).count();
      await reloadUntil(
        page,
        async () => (await succeededRuns()) === 3,
        240_000,
      );
      // Each request's run names it (`<namespace>/<name> configure · <pipeline>`).
      await page
        .getByText('default/orders configure · bucket-configure')
        .waitFor();
      await page
        .getByText('default/analytics configure · bucket-configure')
        .waitFor();
      await screenshot(page, 'wf-01-workflow-runs');

      // Update: dev → prod, preview, apply; the panel follows the re-runs until they finish.
      await goto(page, tab(name, 'kratix-update'));
      const value = page.getByLabel('Entry 0 value 0');
      await value.waitFor();
      await value.fill('prod');
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.getByText('Dry run: the spec changes').waitFor();
      await page.getByRole('button', { name: 'Apply', exact: true }).click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: 'Apply change' })
        .click();
      await page.getByText(`Applied: Promise ${name}`).waitFor();
      await page.getByText('Workflow re-runs: following').waitFor();
      await page
        .getByText('Workflow re-runs: finished')
        .waitFor({ timeout: 300_000 });
      await page.getByText('Promise configure workflow: succeeded.').waitFor();
      await page
        .getByText(
          'Resource request workflows: 2 of 2 started, 0 running, 2 succeeded, 0 failed.',
        )
        .waitFor();
      await screenshot(page, 'wf-02-update-reruns');
      expect(
        await page
          .getByRole('link', { name: 'All workflow runs' })
          .getAttribute('href'),
      ).toBe(tab(name, 'kratix-workflows'));
    });
  },
);
