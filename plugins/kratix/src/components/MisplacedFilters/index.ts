export {
  DEFAULT_MISPLACED_FILTERS,
  MisplacedFilters,
} from './MisplacedFilters';
export type { MisplacedFilterValues } from './MisplacedFilters';
