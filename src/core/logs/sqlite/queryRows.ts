import type { BindParams, Database } from 'sql.js';

/** The rows of one query as objects keyed by column name. */
export function queryRows(database: Database, sql: string, params?: BindParams): Record<string, unknown>[] {
  const statement = database.prepare(sql);
  try {
    if (params) statement.bind(params);
    const rows: Record<string, unknown>[] = [];
    while (statement.step()) rows.push(statement.getAsObject());
    return rows;
  } finally {
    statement.free();
  }
}
