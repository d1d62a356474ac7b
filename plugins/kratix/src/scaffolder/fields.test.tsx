import { act, fireEvent, screen } from '@testing-library/react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  promiseEntity,
  promiseResponse,
  targeting,
} from '../__testUtils__/fixtures';
import { MockKratixApi, mockKratixApi } from '../__testUtils__/testApp';
import { kratixApiRef } from '../api';
import { moveToProd } from '../__testUtils__/whatIfFixtures';
import { KratixDestinationSelectorsField } from './KratixDestinationSelectorsField';
import { KratixPromiseWhatIfField } from './KratixPromiseWhatIfField';
import { KratixYamlTextField } from './KratixYamlTextField';
import { parseDependencies } from './formValues';
import { whatIfSummary } from './whatIfSummary';

const ref = 'component:default/redis';

function render(ui: JSX.Element, api: MockKratixApi) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [kratixApiRef, api],
        [catalogApiRef, catalogApiMock({ entities: [promiseEntity] })],
      ]}
    >
      {ui}
    </TestApiProvider>,
  );
}

/** The props rjsf gives a field (only those the fields read). */
const fieldProps = (extra: Record<string, unknown>) =>
  ({
    schema: { title: 'Field' },
    uiSchema: {},
    idSchema: { $id: 'root_field' },
    rawErrors: [],
    formContext: { formData: { promise: ref } },
    ...extra,
  } as any);

/**
 * The selectors field for redis, whose selectors change on the platform when `changeOnPlatform`
 * is called (dev only → dev + prod/eu): the next revision poll sees it. Needs fake timers.
 */
async function renderFollowingField() {
  let revision = 'r1';
  const devOnly = {
    ...promiseResponse,
    promise: {
      ...promiseResponse.promise,
      selectors: {
        ...promiseResponse.promise.selectors,
        entries: [{ matchLabels: { environment: 'dev' } }],
      },
    },
  };
  const api = mockKratixApi({
    getPromise: jest
      .fn()
      .mockResolvedValueOnce(devOnly)
      .mockResolvedValue(promiseResponse),
    getRevision: jest.fn(async () => ({
      platform: 'prod',
      revision,
      synced: true,
      connected: true,
    })),
  });
  const onChange = jest.fn();
  await render(
    <KratixDestinationSelectorsField {...fieldProps({ onChange })} />,
    api,
  );
  const changeOnPlatform = async () => {
    revision = 'r2';
    await act(async () => {
      jest.advanceTimersByTime(5000);
    });
  };
  return { onChange, changeOnPlatform };
}

describe('KratixDestinationSelectorsField', () => {
  it("prefills the Promise's current selectors and edits them with labelled buttons", async () => {
    const api = mockKratixApi({
      getPromise: jest.fn().mockResolvedValue(promiseResponse),
    });
    const onChange = jest.fn();
    await render(
      <KratixDestinationSelectorsField {...fieldProps({ onChange })} />,
      api,
    );
    expect(
      await screen.findByText(
        'Prefilled with the selectors Promise redis has today.',
      ),
    ).toBeInTheDocument();
    expect(api.getPromise).toHaveBeenCalledWith('prod', 'redis');
    expect(onChange).toHaveBeenLastCalledWith([
      { environment: 'dev' },
      { environment: 'prod', zone: 'eu' },
    ]);
    expect(screen.getByLabelText('Entry 0 value 0')).toHaveValue('dev');
    // Every add / remove control says what it does.
    for (const name of [
      'Add entry',
      'Remove entry 0',
      'Add label to entry 0',
      'Remove label 0 of entry 0',
    ]) {
      expect(screen.getByRole('button', { name })).toHaveTextContent(
        /Add|Remove/,
      );
    }
    fireEvent.change(screen.getByLabelText('Entry 0 value 0'), {
      target: { value: 'prod' },
    });
    expect(onChange).toHaveBeenLastCalledWith([
      { environment: 'prod' },
      { environment: 'prod', zone: 'eu' },
    ]);
  });

  it('keeps what was entered (no prefill over it)', async () => {
    const api = mockKratixApi({
      getPromise: jest.fn().mockResolvedValue(promiseResponse),
    });
    const onChange = jest.fn();
    await render(
      <KratixDestinationSelectorsField
        {...fieldProps({ onChange, formData: [{ tier: 'gold' }] })}
      />,
      api,
    );
    expect(
      await screen.findByText(
        'Edited. Promise redis has today: environment=dev; environment=prod, zone=eu.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Entry 0 key 0')).toHaveValue('tier');
    expect(onChange).not.toHaveBeenCalled();
  });

  it('follows the Promise while the form is open: unedited rows take its new selectors, an edit is kept with a warning', async () => {
    jest.useFakeTimers();
    try {
      const { onChange, changeOnPlatform } = await renderFollowingField();
      expect(
        await screen.findByText(
          'Prefilled with the selectors Promise redis has today.',
        ),
      ).toBeInTheDocument();
      expect(onChange).toHaveBeenLastCalledWith([{ environment: 'dev' }]);
      // Someone changes the Promise on the platform: nothing was edited, the rows follow.
      await changeOnPlatform();
      expect(
        await screen.findByText(
          /selectors changed on the platform at .*took the new ones/,
        ),
      ).toBeInTheDocument();
      expect(onChange).toHaveBeenLastCalledWith([
        { environment: 'dev' },
        { environment: 'prod', zone: 'eu' },
      ]);
      expect(screen.getByLabelText('Entry 1 value 1')).toHaveValue('eu');
      // An edit afterwards: the notice about the prefill goes.
      fireEvent.change(screen.getByLabelText('Entry 0 value 0'), {
        target: { value: 'staging' },
      });
      expect(screen.queryByText(/took the new ones/)).not.toBeInTheDocument();
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps an edit when the Promise changes under it and says what the Promise has now', async () => {
    jest.useFakeTimers();
    try {
      const { onChange, changeOnPlatform } = await renderFollowingField();
      await screen.findByText(
        'Prefilled with the selectors Promise redis has today.',
      );
      fireEvent.change(screen.getByLabelText('Entry 0 value 0'), {
        target: { value: 'staging' },
      });
      await changeOnPlatform();
      expect(await screen.findByRole('alert')).toHaveTextContent(
        "Promise redis's selectors changed on the platform since this form was filled; your edit is kept. Today they are: environment=dev; environment=prod, zone=eu.",
      );
      expect(onChange).toHaveBeenLastCalledWith([{ environment: 'staging' }]);
      fireEvent.click(
        screen.getByRole('button', { name: 'Reset to the current selectors' }),
      );
      expect(onChange).toHaveBeenLastCalledWith([
        { environment: 'dev' },
        { environment: 'prod', zone: 'eu' },
      ]);
      expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    } finally {
      jest.useRealTimers();
    }
  });
  it('prefills again when the user went back and chose another Promise', async () => {
    const postgres = {
      ...promiseEntity,
      metadata: {
        ...promiseEntity.metadata,
        name: 'postgres',
        annotations: {
          ...promiseEntity.metadata.annotations,
          'kratix.io/promise-name': 'postgres',
        },
      },
    };
    const postgresResponse = {
      ...promiseResponse,
      promise: {
        ...promiseResponse.promise,
        name: 'postgres',
        selectors: {
          ...promiseResponse.promise.selectors,
          entries: [{ matchLabels: { tier: 'db' } }],
        },
      },
    };
    const api = mockKratixApi({
      getPromise: jest.fn(async (_platform: string, promise: string) =>
        promise === 'postgres' ? postgresResponse : promiseResponse,
      ),
    });
    const catalog = catalogApiMock({ entities: [promiseEntity, postgres] });
    const renderField = (props: Record<string, unknown>) =>
      renderInTestApp(
        <TestApiProvider
          apis={[
            [kratixApiRef, api],
            [catalogApiRef, catalog],
          ]}
        >
          <KratixDestinationSelectorsField
            {...fieldProps({ idSchema: { $id: 'root_other' }, ...props })}
          />
        </TestApiProvider>,
      );
    const first = jest.fn();
    const view = await renderField({ onChange: first });
    await screen.findByText(
      'Prefilled with the selectors Promise redis has today.',
    );
    const redisSelectors = first.mock.calls[first.mock.calls.length - 1][0];
    // Back to the first step (the field unmounts), another Promise chosen, forward again: the
    // form data still holds redis's selectors.
    view.unmount();
    const second = jest.fn();
    await renderField({
      onChange: second,
      formData: redisSelectors,
      formContext: { formData: { promise: 'component:default/postgres' } },
    });
    expect(
      await screen.findByText(
        'Another Promise was chosen: the selectors are now those of Promise postgres.',
      ),
    ).toBeInTheDocument();
    expect(second).toHaveBeenLastCalledWith([{ tier: 'db' }]);
    expect(
      screen.getByText(
        'Prefilled with the selectors Promise postgres has today.',
      ),
    ).toBeInTheDocument();
  });
});

describe('KratixPromiseWhatIfField', () => {
  it('previews the entered change and shows it before / after; its value is the summary', async () => {
    const api = mockKratixApi({
      listPlatforms: jest.fn().mockResolvedValue({ items: [] }),
      previewPromise: jest.fn().mockResolvedValue(moveToProd),
      getPromiseTargeting: jest.fn().mockResolvedValue(targeting),
    });
    const onChange = jest.fn();
    await render(
      <KratixPromiseWhatIfField
        {...fieldProps({
          onChange,
          formContext: {
            formData: {
              promise: ref,
              destinationSelectors: [{ environment: 'prod', zone: 'eu' }],
              dependencies:
                '- apiVersion: v1\n  kind: Namespace\n  metadata: {name: x}\n',
            },
          },
        })}
      />,
      api,
    );
    expect(
      await screen.findByText('After: where it runs with this change'),
    ).toBeInTheDocument();
    expect(api.previewPromise).toHaveBeenCalledWith('prod', 'redis', {
      specPatch: {
        destinationSelectors: [
          { matchLabels: { environment: 'prod', zone: 'eu' } },
        ],
        dependencies: [
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } },
        ],
      },
    });
    const summary =
      'Destinations lost: worker-dev; Destinations gained: worker-prod; 1 WorkPlacement(s) become misplaced; 1 workflow run(s)';
    expect(whatIfSummary(moveToProd)).toBe(summary);
    expect(onChange).toHaveBeenCalledWith(summary);
    expect(screen.getByLabelText('What-if summary')).toHaveTextContent(summary);
  });

  it('says what is wrong with the dependencies YAML', async () => {
    const api = mockKratixApi();
    await render(
      <KratixPromiseWhatIfField
        {...fieldProps({
          onChange: jest.fn(),
          formContext: {
            formData: {
              promise: ref,
              destinationSelectors: [{}],
              dependencies: 'a: [',
            },
          },
        })}
      />,
      api,
    );
    expect(
      await screen.findByText(/The what-if preview failed: Dependencies:/),
    ).toBeInTheDocument();
    expect(api.previewPromise).not.toHaveBeenCalled();
  });
});

describe('KratixYamlTextField', () => {
  it('is a labelled multi-line field', async () => {
    const onChange = jest.fn();
    await renderInTestApp(
      <KratixYamlTextField
        {...fieldProps({ onChange, schema: { title: 'Dependencies' } })}
      />,
    );
    fireEvent.change(screen.getByLabelText('Dependencies'), {
      target: { value: 'a: 1' },
    });
    expect(onChange).toHaveBeenCalledWith('a: 1');
  });
});

describe('parseDependencies', () => {
  it('reads a list or documents; empty keeps the current dependencies', () => {
    expect(parseDependencies('')).toEqual({});
    expect(parseDependencies('- a: 1\n- b: 2')).toEqual({
      value: [{ a: 1 }, { b: 2 }],
    });
    expect(parseDependencies('a: 1\n---\nb: 2\n')).toEqual({
      value: [{ a: 1 }, { b: 2 }],
    });
  });
});
