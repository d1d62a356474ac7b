export { CleanupDialog, CONFIRM_THRESHOLD } from './CleanupDialog';
export type { CleanupDialogProps } from './CleanupDialog';
