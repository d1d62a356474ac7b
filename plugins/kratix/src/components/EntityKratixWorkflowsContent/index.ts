export {
  EntityKratixWorkflowsContent,
  WorkflowsView,
} from './EntityKratixWorkflowsContent';
