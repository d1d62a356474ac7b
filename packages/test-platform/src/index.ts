export * from './platform';
export * from './kratix';
export * from './stateStore';
export {
  createDuplicateStaticDependencyWork,
  removeDuplicateStaticDependencyWorks,
} from './staticDependencyRace';
export * from './works';
