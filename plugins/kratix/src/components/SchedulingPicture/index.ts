export { SchedulingPicture } from './SchedulingPicture';
export { schedulingGraph } from './schedulingGraph';
