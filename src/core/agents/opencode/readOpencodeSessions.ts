import type { Database } from 'sql.js';
import { opencodeSessionRowSchema, type OpencodeSessionRow } from './opencodeRecords.js';
import { queryRows } from '../../logs/sqlite/queryRows.js';

/** Why a database is not one this scanner can read, in words for the warning. */
class UnknownOpencodeSchemaError extends Error {
  override readonly name = 'UnknownOpencodeSchemaError';
}

/**
 * Every session of one opencode.db, with its project's root. Reads only the `session` and `project` columns
 * named here (session.sql.ts, project.sql.ts); a row without an id or directory is counted, not guessed at.
 */
export function readOpencodeSessions(database: Database): { sessions: OpencodeSessionRow[]; damaged: number } {
  let rows: Record<string, unknown>[];
  try {
    rows = queryRows(
      database,
      'SELECT s.id AS id, s.directory AS directory, s.parent_id AS parent_id, s.time_created AS time_created, p.worktree AS worktree ' +
        'FROM session s LEFT JOIN project p ON p.id = s.project_id ORDER BY s.time_created, s.id',
    );
  } catch (error) {
    throw new UnknownOpencodeSchemaError(`not an OpenCode session database this version can read (${(error as Error).message})`);
  }
  const sessions: OpencodeSessionRow[] = [];
  let damaged = 0;
  for (const row of rows) {
    const parsed = opencodeSessionRowSchema.safeParse(row);
    if (parsed.success) sessions.push(parsed.data);
    else damaged += 1;
  }
  return { sessions, damaged };
}
