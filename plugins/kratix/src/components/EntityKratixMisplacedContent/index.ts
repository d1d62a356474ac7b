export { EntityKratixMisplacedContent } from './EntityKratixMisplacedContent';
