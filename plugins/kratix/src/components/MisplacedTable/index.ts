export { MisplacedTable } from './MisplacedTable';
export type { MisplacedTableProps } from './MisplacedTable';
