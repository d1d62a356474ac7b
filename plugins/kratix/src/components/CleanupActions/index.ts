export { CleanupActions } from './CleanupActions';
