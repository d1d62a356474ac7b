export { SpecYamlEditor } from './SpecYamlEditor';
export { parseSpecYaml, stringifySpec } from './specYaml';
export type { ParsedSpec } from './specYaml';
