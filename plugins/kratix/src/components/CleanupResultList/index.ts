export { CleanupResultList, summaryText } from './CleanupResultList';
