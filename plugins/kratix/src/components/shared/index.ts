export { AgeText } from './AgeText';
export { KratixErrorPanel } from './KratixErrorPanel';
export { LabelChips } from './LabelChips';
export {
  ReadinessChip,
  UNKNOWN_READINESS_TEXT,
  UnknownReadinessNote,
} from './ReadinessChip';
export { StaleWarning } from './StaleWarning';
export {
  describeSelectorConflict,
  errorMessage,
  errorStatus,
  formatAge,
} from './format';
export { LiveStatus, formatUpdated } from './LiveStatus';
export { LiveStatusBar, ReadStateCard } from './ReadStateCard';
export type { PolledRead } from './ReadStateCard';
