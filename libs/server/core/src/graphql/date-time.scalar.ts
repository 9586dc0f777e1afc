import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/** RFC 3339 date-time (`2026-12-07T09:30:00Z`, `…+09:00`, fractions allowed), or a calendar date meaning its UTC midnight. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?([Zz]|([+-])(\d{2}):(\d{2})))?$/;

const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

/** The instant a DateTime input names; a clear BAD_USER_INPUT error for anything else, calendar nonsense (02-30, 25:00) included. */
export function parseDateTime(value: unknown): Date {
  const match = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  if (match) {
    const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1, 7).map((part) => (part === undefined ? undefined : Number(part))) as number[];
    const wall = new Date(Date.UTC(year!, month! - 1, day!, hour, minute, second));
    wall.setUTCFullYear(year!); // years 0–99 are not 1900–1999
    const real =
      wall.getUTCFullYear() === year && wall.getUTCMonth() === month! - 1 && wall.getUTCDate() === day && wall.getUTCHours() === hour && wall.getUTCMinutes() === minute && wall.getUTCSeconds() === second;
    const offsetMinutes = match[9] ? (match[9] === '-' ? -1 : 1) * (Number(match[10]) * 60 + Number(match[11])) : 0;
    if (real && Math.abs(offsetMinutes) < 24 * 60) {
      const millis = match[7] ? Math.floor(Number(match[7]) * 1000) : 0;
      return new Date(wall.getTime() + millis - offsetMinutes * 60_000);
    }
  }
  const shown = typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : typeof value;
  throw badInput(`DateTime must be an ISO 8601 date-time such as 2026-12-07T09:30:00Z, or a date such as 2026-12-07; got ${shown}`);
}

/**
 * The API's `DateTime`. Nest's built-in scalar turns any text into a Date: `"not a date"` became an Invalid Date
 * that reached PostgreSQL as a server fault. This one refuses what is not a date-time, as bad input.
 */
export const DateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant as an RFC 3339 date-time, such as 2026-12-07T09:30:00Z (answers are in UTC); an input may also be a date, meaning its UTC midnight.',
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw badInput('DateTime must be a string such as "2026-12-07T09:30:00Z"');
    return parseDateTime(ast.value);
  },
  serialize(value) {
    const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
    if (!date || Number.isNaN(date.getTime())) throw new GraphQLError('DateTime cannot represent a value that is not a valid date');
    return date.toISOString();
  },
});

/** How the API builds its schema from the resolvers (the server and `npm run schema` alike): every Date is the strict DateTime. */
export const API_SCHEMA_OPTIONS = { scalarsMap: [{ type: Date, scalar: DateTime }] };
