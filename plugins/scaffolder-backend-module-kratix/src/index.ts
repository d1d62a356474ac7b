/**
 * The kratix module for @backstage/plugin-scaffolder-backend.
 *
 * @packageDocumentation
 */

export { scaffolderModuleKratix as default } from './module';
