export {
  EntityKratixDestinationContent,
  promisesOnDestination,
} from './EntityKratixDestinationContent';
