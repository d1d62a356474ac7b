export { PlatformPicker } from './PlatformPicker';
