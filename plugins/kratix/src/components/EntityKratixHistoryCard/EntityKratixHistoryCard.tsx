import { EntityKratixHistoryContent } from '../EntityKratixHistoryContent';

/**
 * Entity card of a Kratix Promise: the changes made through Backstage (updates, cleanups).
 *
 * @public
 * @deprecated Use the History tab, {@link EntityKratixHistoryContent}; this renders the same.
 */
export const EntityKratixHistoryCard = EntityKratixHistoryContent;
