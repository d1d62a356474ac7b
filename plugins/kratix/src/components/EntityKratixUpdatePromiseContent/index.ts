export { EntityKratixUpdatePromiseContent } from './EntityKratixUpdatePromiseContent';
