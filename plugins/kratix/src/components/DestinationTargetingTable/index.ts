export { DestinationTargetingTable } from './DestinationTargetingTable';
