export { PromiseHeatMap } from './PromiseHeatMap';
export {
  HEAT_MAP_MAX_COLUMNS,
  MATRIX_TABLE_MAX_DESTINATIONS,
  heatMap,
} from './heatMapColumns';
