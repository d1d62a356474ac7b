/**
 * The kratix module for @backstage/plugin-catalog-backend.
 *
 * @packageDocumentation
 */

export { catalogModuleKratix as default } from './module';
