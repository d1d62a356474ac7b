/**
 * New frontend system entry point of the Kratix frontend plugin.
 *
 * @packageDocumentation
 */

export { kratixFrontendPlugin as default } from './alpha/plugin';
