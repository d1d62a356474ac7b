export {
  EntityKratixWorkflowsContent,
  WorkflowsView,
} from './EntityKratixWorkflowsContent';
export { WorkflowRerunsPanel } from './WorkflowRerunsPanel';
