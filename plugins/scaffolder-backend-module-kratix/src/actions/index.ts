export { createPromisePreviewAction, PREVIEW_ACTION_ID } from './preview';
export { createPromiseRenderAction, RENDER_ACTION_ID } from './render';
export { createPromiseApplyAction, APPLY_ACTION_ID } from './apply';
export {
  createWorkPlacementsCleanupAction,
  CLEANUP_ACTION_ID,
} from './cleanup';
