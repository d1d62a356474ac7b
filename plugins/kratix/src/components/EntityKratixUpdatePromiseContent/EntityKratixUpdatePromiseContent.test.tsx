import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { promiseEntity, promiseResponse } from '../../__testUtils__/fixtures';
import { manifest, whatIf } from '../../__testUtils__/writeFixtures';
import {
  mockKratixApi,
  renderKratix,
  responseError,
} from '../../__testUtils__/testApp';
import { EntityKratixUpdatePromiseContent } from './EntityKratixUpdatePromiseContent';

const dryRun = {
  platform: 'prod',
  promise: 'redis',
  dryRun: true,
  changed: true,
  resourceVersion: '100',
  generation: 4,
  diff: '--- spec\n+++ spec\n@@ -1,3 +1,3 @@\n destinationSelectors:\n - - matchLabels:\n-    environment: dev\n+    environment: prod\n',
  effects: {
    promiseWorkflowRerun: true,
    resourceWorkflowsRerun: 3,
    message: 'The Promise configure workflow and 3 resource workflows re-run.',
  },
};

const expectedPatch = {
  destinationSelectors: [
    { matchLabels: { environment: 'prod' } },
    { matchLabels: { environment: 'prod', zone: 'eu' } },
  ],
};

function apiWithPromise(extra = {}) {
  return mockKratixApi({
    getPromise: jest.fn().mockResolvedValue(promiseResponse),
    getPromiseManifest: jest.fn().mockResolvedValue(manifest),
    ...extra,
  });
}

describe('EntityKratixUpdatePromiseContent', () => {
  it('shows progress while loading', async () => {
    await renderKratix(<EntityKratixUpdatePromiseContent />, {
      api: mockKratixApi(),
    });
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows why the Promise could not be loaded', async () => {
    const api = mockKratixApi({
      getPromise: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            503,
            'Kratix platform "prod" is not available yet',
          ),
        ),
    });
    await renderKratix(<EntityKratixUpdatePromiseContent />, { api });
    expect(
      await screen.findByText(
        'Error: 503: Kratix platform "prod" is not available yet',
      ),
    ).toBeInTheDocument();
  });

  it('starts from an empty selector list', async () => {
    const api = mockKratixApi({
      getPromiseManifest: jest.fn().mockResolvedValue(manifest),
      getPromise: jest.fn().mockResolvedValue({
        ...promiseResponse,
        promise: {
          ...promiseResponse.promise,
          selectors: {
            entries: [],
            matchLabels: {},
            entryOf: {},
            conflicts: [],
          },
        },
      }),
    });
    await renderKratix(<EntityKratixUpdatePromiseContent />, { api });
    expect(
      await screen.findByText(/No entries: every Destination matches/),
    ).toBeInTheDocument();
  });

  it('previews a change with the dry-run diff and the what-if answer', async () => {
    const api = apiWithPromise({
      updatePromise: jest.fn().mockResolvedValue(dryRun),
      previewPromise: jest.fn().mockResolvedValue(whatIf),
    });
    await renderKratix(<EntityKratixUpdatePromiseContent />, { api });
    const value = await screen.findByLabelText('Entry 0 value 0');
    expect(value).toHaveValue('dev');
    fireEvent.change(value, { target: { value: 'prod' } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));

    expect(
      await screen.findByText(
        'Dry run: the spec changes. The Promise configure workflow and 3 resource workflows re-run.',
      ),
    ).toBeInTheDocument();
    expect(api.updatePromise).toHaveBeenCalledWith('prod', 'redis', {
      resourceVersion: '100',
      generation: 4,
      specPatch: expectedPatch,
      dryRun: true,
    });
    expect(api.previewPromise).toHaveBeenCalledWith('prod', 'redis', {
      specPatch: expectedPatch,
    });
    const exact = { normalizer: (s: string) => s };
    expect(screen.getByText('+    environment: prod', exact)).toHaveAttribute(
      'data-diff',
      '+',
    );
    expect(screen.getByText('-    environment: dev', exact)).toHaveAttribute(
      'data-diff',
      '-',
    );
    expect(
      await screen.findByText(/Marked misplaced, kept/, { selector: 'li' }),
    ).toBeInTheDocument();
  });

  it('applies only after a preview of the edit, with a confirmation naming what it costs', async () => {
    const whatIfWithGroups = {
      ...whatIf,
      promises: [
        {
          promise: 'redis',
          destinationsGained: ['worker-prod'],
          destinationsLost: ['worker-dev'],
          counts: whatIf.summary,
        },
      ],
      groups: [
        {
          workPlacementsMisplaced: [
            {
              namespace: 'kratix-platform-system',
              name: 'redis.worker-dev-5058f',
              destination: 'worker-dev',
            },
          ],
          resourcesOnExcludedDestinations: [],
        } as any,
      ],
    };
    const api = apiWithPromise({
      updatePromise: jest.fn(async (_p, _n, req) =>
        req.dryRun
          ? dryRun
          : {
              ...dryRun,
              dryRun: false,
              resourceVersion: '101',
              appliedAt: '2026-12-05T08:00:00.000Z',
            },
      ),
      previewPromise: jest.fn().mockResolvedValue(whatIfWithGroups),
      listWorkflowRuns: jest.fn().mockResolvedValue({
        platform: 'prod',
        promise: 'redis',
        items: [],
        canReadLogs: true,
      }),
    });
    await renderKratix(<EntityKratixUpdatePromiseContent />, { api });
    const value = await screen.findByLabelText('Entry 0 value 0');
    const apply = screen.getByRole('button', { name: 'Apply' });
    // Nothing changed yet: Apply is disabled and says why, in words.
    await waitFor(() =>
      expect(apply).toHaveAccessibleDescription(
        'Nothing changed yet: edit the selectors (or the YAML) first',
      ),
    );
    expect(apply).toBeDisabled();
    expect(screen.queryByText(/resourceVersion/)).not.toBeInTheDocument();

    fireEvent.change(value, { target: { value: 'prod' } });
    expect(apply).toBeDisabled();
    expect(apply).toHaveAccessibleDescription('Preview this change first');

    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await waitFor(() => expect(apply).toBeEnabled());
    await screen.findByText(/Marked misplaced, kept/, { selector: 'li' });

    fireEvent.click(apply);
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('Apply this change to Promise redis?'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByLabelText('Destinations lost'),
    ).toHaveTextContent('worker-dev');
    expect(
      within(dialog).getByText(
        'kratix-platform-system/redis.worker-dev-5058f on worker-dev',
      ),
    ).toBeInTheDocument();
    expect(api.updatePromise).toHaveBeenCalledTimes(1); // the dry run only
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Apply change' }),
    );

    expect(
      await screen.findByText('Info: Applied: Promise redis updated'),
    ).toBeInTheDocument();
    expect(api.updatePromise).toHaveBeenLastCalledWith('prod', 'redis', {
      resourceVersion: '100',
      generation: 4,
      specPatch: expectedPatch,
    });
    expect(
      screen.getByRole('link', { name: 'See its misplaced WorkPlacements' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/redis/kratix-misplaced',
    );
    // The re-runs the update causes are followed below.
    expect(
      await screen.findByText(
        'Promise configure workflow: waiting for Kratix to start it.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Resource request workflows: 0 of 3 started, 0 running, 0 succeeded, 0 failed.',
      ),
    ).toBeInTheDocument();
    expect(api.listWorkflowRuns).toHaveBeenCalledWith('prod', 'redis');
    expect(
      screen.getByRole('link', { name: 'All workflow runs' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/redis/kratix-workflows',
    );
    await waitFor(() => expect(api.getPromise).toHaveBeenCalledTimes(2));
  });

  it('a new edit needs a new preview', async () => {
    const api = apiWithPromise({
      updatePromise: jest.fn().mockResolvedValue(dryRun),
      previewPromise: jest.fn().mockResolvedValue(whatIf),
    });
    await renderKratix(<EntityKratixUpdatePromiseContent />, { api });
    const value = await screen.findByLabelText('Entry 0 value 0');
    fireEvent.change(value, { target: { value: 'prod' } });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const apply = screen.getByRole('button', { name: 'Apply' });
    await waitFor(() => expect(apply).toBeEnabled());
    fireEvent.change(value, { target: { value: 'staging' } });
    expect(apply).toBeDisabled();
    expect(screen.getByText('Preview this change first')).toBeInTheDocument();
    // Back to what was loaded: nothing to apply.
    fireEvent.change(value, { target: { value: 'dev' } });
    expect(
      screen.getByText(
        'Nothing changed yet: edit the selectors (or the YAML) first',
      ),
    ).toBeInTheDocument();
  });

  it('says the Promise changed since it was loaded (409) and reloads', async () => {
    const api = apiWithPromise({
      updatePromise: jest.fn(async (_p, _n, req) => {
        if (req.dryRun) return dryRun;
        throw await responseError(
          409,
          'Promise redis has resourceVersion 105, not 100',
          'ConflictError',
        );
      }),
      previewPromise: jest.fn().mockResolvedValue(whatIf),
    });
    api.getPromise.mockResolvedValueOnce(promiseResponse).mockResolvedValue({
      ...promiseResponse,
      promise: { ...promiseResponse.promise, resourceVersion: '105' },
    });
    await renderKratix(<EntityKratixUpdatePromiseContent />, { api });
    fireEvent.change(await screen.findByLabelText('Entry 0 value 0'), {
      target: { value: 'prod' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const apply = screen.getByRole('button', { name: 'Apply' });
    await waitFor(() => expect(apply).toBeEnabled());
    fireEvent.click(apply);
    fireEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Apply change',
      }),
    );

    expect(
      await screen.findByText(
        'Warning: This Promise changed since you loaded it',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Promise redis has resourceVersion 105, not 100/),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    await waitFor(() => expect(api.getPromise).toHaveBeenCalledTimes(2));
    await waitFor(() =>
      expect(
        screen.queryByText('Warning: This Promise changed since you loaded it'),
      ).not.toBeInTheDocument(),
    );
  });

  it("shows the apiserver's message for an invalid change (400)", async () => {
    const api = apiWithPromise({
      updatePromise: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            400,
            'Promise.platform.kratix.io "redis" is invalid: spec.destinationSelectors[0].matchLabels: Invalid value',
            'InputError',
          ),
        ),
    });
    await renderKratix(<EntityKratixUpdatePromiseContent />, { api });
    fireEvent.click(await screen.findByRole('button', { name: 'Preview' }));
    expect(
      await screen.findByText(
        /spec.destinationSelectors\[0\].matchLabels: Invalid value/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Error: The Kubernetes API server rejected the change'),
    ).toBeInTheDocument();
  });

  it('disables Apply without the update permission', async () => {
    const entity = {
      ...promiseEntity,
      metadata: {
        ...promiseEntity.metadata,
        annotations: {
          'kratix.io/promise-name': 'locked',
          'kratix.io/platform': 'prod',
        },
      },
    };
    const api = mockKratixApi({
      getPromiseManifest: jest.fn().mockResolvedValue(manifest),
      getPromise: jest.fn().mockResolvedValue({
        ...promiseResponse,
        promise: { ...promiseResponse.promise, name: 'locked' },
      }),
    });
    await renderKratix(<EntityKratixUpdatePromiseContent />, {
      api,
      entity,
      permission: AuthorizeResult.DENY,
    });
    await screen.findByLabelText('Entry 0 value 0');
    await waitFor(() =>
      expect(
        screen.getByText(
          'You are not allowed to update Promise locked (permission kratix.promise.update)',
        ),
      ).toBeInTheDocument(),
    );
    expect(screen.getByRole('button', { name: 'Apply' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Preview' })).toBeEnabled();
  });

  it('edits the whole spec as YAML, showing parse errors', async () => {
    const api = apiWithPromise({
      updatePromise: jest.fn().mockResolvedValue(dryRun),
      previewPromise: jest.fn().mockResolvedValue(whatIf),
    });
    await renderKratix(<EntityKratixUpdatePromiseContent />, { api });
    fireEvent.change(await screen.findByLabelText('Entry 0 value 0'), {
      target: { value: 'staging' },
    });
    fireEvent.click(screen.getByRole('tab', { name: 'YAML (advanced)' }));
    const editor = screen.getByLabelText('Spec YAML') as HTMLTextAreaElement;
    // The whole spec, with the selector edit carried over.
    expect(editor.value).toContain('name: redis-system');
    expect(editor.value).toContain('environment: staging');
    expect(
      screen.getByText(/The whole Promise spec as stored in the cluster/),
    ).toBeInTheDocument();

    fireEvent.change(editor, { target: { value: 'destinationSelectors: [' } });
    expect(await screen.findByText(/^YAML error:/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Preview' })).toBeDisabled();
    fireEvent.click(screen.getByRole('tab', { name: 'Destination selectors' }));
    expect(screen.getByText(/^Fix the YAML first:/)).toBeInTheDocument();

    fireEvent.change(editor, {
      target: {
        value: 'destinationSelectors:\n  - matchLabels:\n      tier: gold\n',
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    const spec = { destinationSelectors: [{ matchLabels: { tier: 'gold' } }] };
    await waitFor(() =>
      expect(api.updatePromise).toHaveBeenCalledWith('prod', 'redis', {
        resourceVersion: '100',
        generation: 4,
        spec,
        dryRun: true,
      }),
    );
    expect(api.previewPromise).toHaveBeenCalledWith('prod', 'redis', { spec });
    fireEvent.click(screen.getByRole('tab', { name: 'Destination selectors' }));
    expect(screen.getByLabelText('Entry 0 key 0')).toHaveValue('tier');
  });

  it('edits a merge patch when the whole spec cannot be read', async () => {
    const api = apiWithPromise({
      getPromiseManifest: jest
        .fn()
        .mockRejectedValue(await responseError(404, 'Not Found')),
      updatePromise: jest.fn().mockResolvedValue(dryRun),
      previewPromise: jest.fn().mockResolvedValue(whatIf),
    });
    await renderKratix(<EntityKratixUpdatePromiseContent />, { api });
    fireEvent.click(
      await screen.findByRole('tab', { name: 'YAML (advanced)' }),
    );
    expect(
      screen.getByText(
        /A JSON merge patch .*The whole spec could not be read: Not Found/,
      ),
    ).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Spec YAML'), {
      target: { value: 'dependencies: null\n' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Preview' }));
    await waitFor(() =>
      expect(api.updatePromise).toHaveBeenCalledWith('prod', 'redis', {
        resourceVersion: '100',
        generation: 4,
        specPatch: { dependencies: null },
        dryRun: true,
      }),
    );
  });
});
