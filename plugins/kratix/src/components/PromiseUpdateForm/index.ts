export {
  PromiseUpdateForm,
  YAML_PATCH_HELP,
  YAML_SPEC_HELP,
} from './PromiseUpdateForm';
export { CONFLICT_TEXT, UpdateFailure } from './UpdateFailure';
