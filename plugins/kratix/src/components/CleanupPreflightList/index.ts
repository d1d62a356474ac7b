export { CleanupPreflightList } from './CleanupPreflightList';
export { describePreflight } from './describePreflight';
