/**
 * Backend plugin for Kratix.
 *
 * @packageDocumentation
 */

export { kratixPlugin as default } from './plugin';
