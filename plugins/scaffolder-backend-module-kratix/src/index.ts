/**
 * The kratix module for `@backstage/plugin-scaffolder-backend`: template actions that preview,
 * render and apply Kratix Promise changes and clean up misplaced WorkPlacements, through the
 * Kratix backend plugin's API on behalf of the user running the template.
 *
 * @packageDocumentation
 */

export { scaffolderModuleKratix as default } from './module';
export {
  createPromiseApplyAction,
  createPromisePreviewAction,
  createPromiseRenderAction,
  createWorkPlacementsCleanupAction,
  APPLY_ACTION_ID,
  CLEANUP_ACTION_ID,
  PREVIEW_ACTION_ID,
  RENDER_ACTION_ID,
} from './actions';
export { kratixBackendClientFactory } from './kratixBackendClient';
export type {
  KratixBackendApi,
  KratixBackendClientFactory,
} from './kratixBackendClient';
