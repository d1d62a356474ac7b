export { EntityKratixHistoryCard } from './EntityKratixHistoryCard';
