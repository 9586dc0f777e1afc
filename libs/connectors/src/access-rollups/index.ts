export { accessRollupsFileSource, createAccessRollupsFileSource } from './access-rollups.file-source.js';
export { parseAccessRollupRow, type RollupCell } from './access-rollup-row.parser.js';
export { ACCESS_ROLLUP_OPTIONAL_COLUMNS, ACCESS_ROLLUP_REQUIRED_COLUMNS } from './access-rollups.columns.js';
