import type {
  WhatIfPromiseRequest,
  WhatIfResponse,
} from '@kratix-backstage/plugin-kratix-common';

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
