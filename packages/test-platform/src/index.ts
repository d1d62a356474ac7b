export * from './platform';
export * from './kratix';
export * from './deletionWaits';
export * from './stateStore';
export {
  createDuplicateStaticDependencyWork,
  removeDuplicateStaticDependencyWorks,
} from './staticDependencyRace';
export * from './works';
export * from './rng';
export * from './capturingLogger';
export * from './recordingAuditor';
export * from './kratixTestBackend';
export * from './workflows';
