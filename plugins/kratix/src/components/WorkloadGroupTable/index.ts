export { WorkloadGroupTable, FROM_WORKFLOW_TEXT } from './WorkloadGroupTable';
