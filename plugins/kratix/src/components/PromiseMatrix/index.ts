export { PromiseMatrix } from './PromiseMatrix';
