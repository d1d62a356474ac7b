export { SelectorEditor } from './SelectorEditor';
export {
  parseSelectorEntries,
  rowsFromSelectors,
  selectorsFromRows,
  validateRows,
} from './selectorRows';
export type { LabelRow, SelectorRows } from './selectorRows';
