export { HR_ROSTER_COLUMNS, type HrRosterColumn } from './hr-roster.columns.js';
export { parseHrRosterRow, type HrRosterRowResult } from './hr-roster-row.parser.js';
export { hrRosterFileSource } from './hr-roster.file-source.js';
export { checkCountryCode, type CountryCheck } from '../core/util/iso-country-codes.js';
export { normaliseEmail } from '../core/util/email.util.js';
