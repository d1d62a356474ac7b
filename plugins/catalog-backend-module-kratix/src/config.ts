import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';

export const DEFAULT_OWNER_ANNOTATION = 'backstage.io/owner';
export const DEFAULT_OWNER = 'group:default/platform-team';
export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 3 },
};

/**
 * `kratix.catalog` with defaults applied.
 *
 * @public
 */
export interface KratixCatalogConfig {
  ownerAnnotation: string;
  defaultOwner: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

/** @public */
export function readKratixCatalogConfig(config: Config): KratixCatalogConfig {
  const c = config.getOptionalConfig('kratix.catalog');
  const schedule = c?.getOptionalConfig('schedule');
  return {
    ownerAnnotation:
      c?.getOptionalString('ownerAnnotation')?.trim() ||
      DEFAULT_OWNER_ANNOTATION,
    defaultOwner: c?.getOptionalString('defaultOwner')?.trim() || DEFAULT_OWNER,
    schedule: schedule
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(schedule)
      : DEFAULT_SCHEDULE,
  };
}
