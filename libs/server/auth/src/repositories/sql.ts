/** Anything that runs SQL: the DataSource, or the EntityManager of a transaction. */
export interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Rows of a statement. TypeORM answers UPDATE/DELETE with `[rows, rowCount]` and everything else with
 * the rows; rows are objects, so an array in first place can only be that pair.
 */
export async function rows<T>(db: Queryable, sql: string, parameters: unknown[] = []): Promise<T[]> {
  const result = await db.query(sql, parameters);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

export async function firstRow<T>(db: Queryable, sql: string, parameters: unknown[] = []): Promise<T | null> {
  return (await rows<T>(db, sql, parameters))[0] ?? null;
}
