export { SelectorSummary } from './SelectorSummary';
