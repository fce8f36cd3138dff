/**
 * Agents that keep every session in one database file (OpenCode's opencode.db, Cursor's state.vscdb) have no file
 * per session, yet a session is named by its file everywhere downstream (evidence, timelines, the per-file
 * dedupe). Such a session is named `<database file>#<session id>`: unique per session, and enough for the
 * agent's own parse() to find it again (readEvidenceSessions parses from the name alone).
 */
const SEPARATOR = '#';

export function databaseSessionPath(database: string, sessionId: string): string {
  return `${database}${SEPARATOR}${sessionId}`;
}

/** The database file and session id of a name made by databaseSessionPath; undefined for anything else. */
export function splitDatabaseSessionPath(name: string): { database: string; sessionId: string } | undefined {
  const at = name.lastIndexOf(SEPARATOR);
  if (at <= 0 || at === name.length - 1) return undefined;
  return { database: name.slice(0, at), sessionId: name.slice(at + 1) };
}
