export { SchedulingPicture } from './SchedulingPicture';
export { schedulingGraph, groupNodeId } from './schedulingGraph';
export type { SchedulingChanges } from './schedulingGraph';
export { schedulingAfterChange } from './schedulingAfterChange';
