// Builds Cursor's databases with sql.js at test time, as Cursor (a VS Code fork) keeps them: `state.vscdb` with
// `ItemTable` and `cursorDiskKV` (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB), chats under `composerData:<id>`
// and `bubbleId:<composer>:<bubble>` in the global database, each window's chat index under
// `composer.composerData` and its folder in `workspace.json` (chatrxiv docs/cursor/storage-reference.md).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadSqlJs } from '../../../../src/core/logs/sqlite/loadSqlJs.js';

const TABLES = `
CREATE TABLE ItemTable (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB);
CREATE TABLE cursorDiskKV (key TEXT UNIQUE ON CONFLICT REPLACE, value BLOB);
`;

/** What the tests plant where only chat keys may be read: it must never reach any output. */
export const ACCESS_TOKEN = 'cursor-access-token-8f1e2d3c4b5a69788796a5b4c3d2e1f0';

interface ToolSpec {
  name: string;
  args: Record<string, unknown>;
  status?: string;
  result?: unknown;
  userDecision?: string;
}

/** A message of a chat: the user's words, a tool call, or a header whose bubble row is missing or not JSON. */
type BubbleSpec = { user: string } | { tool: ToolSpec } | { missing: true } | { raw: string };

export interface ChatSpec {
  id: string;
  /** Minutes after the base time. */
  at: number;
  bubbles: BubbleSpec[];
  /** The window whose id the chat records (composerData.workspaceIdentifier). */
  workspaceId?: string;
}

export interface WindowSpec {
  id: string;
  folder: string;
  /** Chats this window's index lists. */
  chats: string[];
}

const BASE = Date.parse('2026-04-06T08:00:00.000Z');

async function writeDatabase(file: string, rows: Array<[table: 'ItemTable' | 'cursorDiskKV', key: string, value: string]>): Promise<void> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  db.run(TABLES);
  for (const [table, key, value] of rows) db.run(`INSERT INTO ${table} (key, value) VALUES (?, ?)`, [key, new TextEncoder().encode(value)]);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, db.export());
  db.close();
}

/** Writes `<userDir>/globalStorage/state.vscdb` and one `workspaceStorage/<id>/` per window; returns the global database path. */
export async function writeCursorUserDir(userDir: string, chats: ChatSpec[], windows: WindowSpec[]): Promise<string> {
  const rows: Array<['ItemTable' | 'cursorDiskKV', string, string]> = [
    ['ItemTable', 'cursorAuth/accessToken', ACCESS_TOKEN],
    ['ItemTable', 'cursorAuth/refreshToken', ACCESS_TOKEN],
    ['cursorDiskKV', 'checkpointId:x', JSON.stringify({ token: ACCESS_TOKEN })],
  ];
  for (const chat of chats) {
    const created = BASE + chat.at * 60_000;
    const headers = chat.bubbles.map((bubble, i) => ({ bubbleId: `${chat.id}-b${i + 1}`, type: 'user' in bubble ? 1 : 2 }));
    rows.push([
      'cursorDiskKV',
      `composerData:${chat.id}`,
      JSON.stringify({
        _v: 10,
        composerId: chat.id,
        createdAt: created,
        status: 'completed',
        fullConversationHeadersOnly: headers,
        conversationMap: {},
        speculativeSummarizationEncryptionKey: ACCESS_TOKEN,
        ...(chat.workspaceId ? { workspaceIdentifier: { id: chat.workspaceId } } : {}),
      }),
    ]);
    chat.bubbles.forEach((bubble, i) => {
      const bubbleId = headers[i].bubbleId;
      const createdAt = new Date(created + (i + 1) * 1000).toISOString();
      if ('missing' in bubble) return;
      if ('raw' in bubble) {
        rows.push(['cursorDiskKV', `bubbleId:${chat.id}:${bubbleId}`, bubble.raw]);
        return;
      }
      const value =
        'user' in bubble
          ? { _v: 3, type: 1, bubbleId, text: bubble.user, createdAt }
          : {
              _v: 3,
              type: 2,
              bubbleId,
              text: '',
              createdAt,
              toolFormerData: {
                tool: 15,
                name: bubble.tool.name,
                toolCallId: `toolu_${chat.id}_${i + 1}`,
                rawArgs: JSON.stringify(bubble.tool.args),
                status: bubble.tool.status ?? 'completed',
                ...(bubble.tool.result === undefined ? {} : { result: typeof bubble.tool.result === 'string' ? bubble.tool.result : JSON.stringify(bubble.tool.result) }),
                ...(bubble.tool.userDecision ? { userDecision: bubble.tool.userDecision } : {}),
              },
            };
      rows.push(['cursorDiskKV', `bubbleId:${chat.id}:${bubbleId}`, JSON.stringify(value)]);
    });
  }
  const global = path.join(userDir, 'globalStorage', 'state.vscdb');
  await writeDatabase(global, rows);
  for (const window of windows) {
    const dir = path.join(userDir, 'workspaceStorage', window.id);
    await writeDatabase(path.join(dir, 'state.vscdb'), [
      ['ItemTable', 'composer.composerData', JSON.stringify({ allComposers: window.chats.map((composerId) => ({ type: 'head', composerId })), selectedComposerIds: [] })],
      ['ItemTable', 'secret://workspace-token', ACCESS_TOKEN],
    ]);
    await fs.writeFile(path.join(dir, 'workspace.json'), JSON.stringify({ folder: pathToFileURL(window.folder).href }));
  }
  return global;
}
