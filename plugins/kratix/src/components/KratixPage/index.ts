export { KratixPage, KratixPageContent } from './KratixPage';
