import type { Database, SqlValue } from 'sql.js';
import { queryRows } from '../../logs/sqlite/queryRows.js';

/**
 * The only statements run against Cursor's databases. `state.vscdb` also holds the user's access and refresh
 * tokens (ItemTable `cursorAuth/*`, `secret://…`) and other extensions' state: these read the chat keys and
 * nothing else — `composerData:*` and `bubbleId:*` of the global `cursorDiskKV` table, and a window's
 * `composer.composerData` index — by exact key or key range, so no other row is ever selected.
 */
const COMPOSERS = "SELECT key, value FROM cursorDiskKV WHERE key >= 'composerData:' AND key < 'composerData;'";
const COMPOSER = 'SELECT value FROM cursorDiskKV WHERE key = ?';
/** `bubbleId:<composer>:` up to (not including) `bubbleId:<composer>;` — ';' is the character after ':'. */
const BUBBLES = 'SELECT key, value FROM cursorDiskKV WHERE key >= ? AND key < ?';
const WORKSPACE_COMPOSERS = "SELECT value FROM ItemTable WHERE key = 'composer.composerData'";

const utf8 = new TextDecoder('utf-8');

/** A value column as text (Cursor stores JSON, as TEXT or as a UTF-8 BLOB). */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return utf8.decode(value);
  return undefined;
}

/** Every `composerData:<id>` value, as text, with its id. */
export function composerValues(database: Database): Array<{ composerId: string; value: string | undefined }> {
  return queryRows(database, COMPOSERS).map((row) => ({ composerId: String(row.key).slice('composerData:'.length), value: text(row.value) }));
}

export function composerValue(database: Database, composerId: string): string | undefined {
  return text(queryRows(database, COMPOSER, [`composerData:${composerId}`])[0]?.value);
}

/** The bubbles of one chat: bubble id → value text. */
export function bubbleValues(database: Database, composerId: string): Map<string, string | undefined> {
  const prefix = `bubbleId:${composerId}:`;
  const params: SqlValue[] = [prefix, `bubbleId:${composerId};`];
  return new Map(queryRows(database, BUBBLES, params).map((row) => [String(row.key).slice(prefix.length), text(row.value)]));
}

/** A workspace database's index of its chats (`composer.composerData`), as text; undefined when it has none. */
export function workspaceComposersValue(database: Database): string | undefined {
  return text(queryRows(database, WORKSPACE_COMPOSERS)[0]?.value);
}
