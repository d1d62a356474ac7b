export { EntityKratixHistoryContent } from './EntityKratixHistoryContent';
export { HistoryDetails, HistoryTable } from './HistoryTable';
