// Test helpers of the connectors for other libraries' tests; never imported by production code.
export { athenaLikeEngine, rollupSql, runQuery, unloadQuery, type AthenaTable, type RollupQueryRow } from '../access-rollups/athena-sql.test-util.js';
export { collectAll, collectFile, formBody, observationsOf, rejectionsOf, writeTempFile, writeTempFolder } from './collect.test-util.js';
