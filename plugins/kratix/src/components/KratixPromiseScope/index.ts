export { KratixPromiseScope } from './KratixPromiseScope';
export type { KratixPromiseRef } from './KratixPromiseScope';
