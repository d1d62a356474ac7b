import { ReactNode } from 'react';
import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { KratixApi, kratixApiRef } from '../api';
import { promiseEntity } from './fixtures';

export type MockKratixApi = { [K in keyof KratixApi]: jest.Mock };

/** A KratixApi whose methods are all jest.fn(); unset ones never resolve. */
export function mockKratixApi(
  overrides: Partial<MockKratixApi> = {},
): MockKratixApi {
  const pending = () => jest.fn(() => new Promise(() => {}));
  return {
    health: pending(),
    listPlatforms: pending(),
    getRevision: pending(),
    listPromises: pending(),
    getPromise: pending(),
    getPromiseManifest: pending(),
    getPromiseTargeting: pending(),
    getPromiseWorks: pending(),
    listMisplaced: pending(),
    listPromiseMisplaced: pending(),
    getMatrix: pending(),
    getHistory: pending(),
    listWorkflowRuns: pending(),
    readWorkflowLog: pending(),
    updatePromise: pending(),
    previewPromise: pending(),
    cleanupPreflight: pending(),
    cleanup: pending(),
    cleanupWithProgress: pending(),
    ...overrides,
  };
}

/** A ResponseError as KratixClient throws it for a backend error answer. */
export async function responseError(
  status: number,
  message: string,
  name = 'Error',
): Promise<ResponseError> {
  const body = JSON.stringify({
    error: { name, message },
    response: { statusCode: status },
  });
  return ResponseError.fromResponse({
    headers: new Headers({ 'content-type': 'application/json' }),
    ok: false,
    redirected: false,
    status,
    statusText: status === 503 ? 'Service Unavailable' : 'Error',
    type: 'basic',
    url: 'http://backstage.test/api/kratix',
    text: async () => body,
  });
}

type Decision = AuthorizeResult.ALLOW | AuthorizeResult.DENY;

export interface RenderOptions {
  api: MockKratixApi;
  /** Permission decision for every request, or per request (default allow). */
  permission?: Decision | ((request: EvaluatePermissionRequest) => Decision);
  /** Wrap in an EntityProvider with this entity (default the redis Promise entity; null = none). */
  entity?: Entity | null;
  /** Initial location(s) of the test router, e.g. `['/?destination=dev-1']`. */
  routeEntries?: string[];
}

/** Renders inside a test app with the mocked Kratix and permission APIs and an entity. */
export function renderKratix(element: ReactNode, options: RenderOptions) {
  const {
    api,
    permission = AuthorizeResult.ALLOW,
    entity = promiseEntity,
    routeEntries,
  } = options;
  const content = entity ? (
    <EntityProvider entity={entity}>{element}</EntityProvider>
  ) : (
    element
  );
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [kratixApiRef, api],
        [permissionApiRef, mockApis.permission({ authorize: permission })],
      ]}
    >
      {content}
    </TestApiProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      routeEntries,
    },
  );
}
