export * from './platform';
export * from './kratix';
export * from './stateStore';
