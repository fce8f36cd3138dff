import { UnreadableDatabaseError } from '../logs/sqlite/sqliteSnapshot.js';
import { describeFsError } from './fsWalk.js';

/** Why an agent's database could not be read, in words: too large or not SQLite (with its name), or the fs error. */
export function describeDatabaseError(database: string, error: unknown): string {
  return error instanceof UnreadableDatabaseError ? error.message : `cannot read ${database}: ${describeFsError(error)}`;
}
