import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  kratix?: {
    /**
     * The Kratix catalog provider (@kratix-backstage/plugin-catalog-backend-module-kratix):
     * one Component per Promise and one Resource per Destination of every configured platform.
     */
    catalog?: {
      /**
       * Annotation (or, when the object has no such annotation, label) on a Promise or
       * Destination whose value becomes the entity's `spec.owner`, e.g. `group:default/team-a`.
       * Destinations are read from labels only (label values cannot hold `:` or `/`, so write a
       * bare group name there, e.g. `team-a`). Default `backstage.io/owner`.
       */
      ownerAnnotation?: string;
      /**
       * Owner of Promises and Destinations that carry no owner annotation or label.
       * Default `group:default/platform-team`.
       */
      defaultOwner?: string;
      /**
       * How often every platform's entities are re-sent in full to heal drift. Changes are
       * applied incrementally as they happen; this is only the safety net.
       * Default `{ frequency: { minutes: 30 }, timeout: { minutes: 3 } }`.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
