export { EntityKratixDestinationsContent } from './EntityKratixDestinationsContent';
