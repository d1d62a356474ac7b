import type {
  WhatIfPromiseRequest,
  WhatIfResponse,
} from '@kratix-backstage/plugin-kratix-common';

/** Path (under a Promise) of the scheduling what-if endpoint (backend routes/previewRoutes.ts). */
export const PROMISE_PREVIEW_PATH = '/preview';

/**
 * Body of the preview (what-if) call: the proposed spec, whole or as a JSON merge patch
 * (exactly one of the two).
 *
 * @public
 */
export type PromisePreviewRequest = WhatIfPromiseRequest;

/**
 * What Kratix would do after the change (scheduling what-if).
 *
 * @public
 */
export type PromisePreviewResponse = WhatIfResponse;
