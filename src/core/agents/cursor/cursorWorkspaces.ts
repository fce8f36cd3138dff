import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteSnapshot } from '../../logs/sqlite/sqliteSnapshot.js';
import { describeDatabaseError } from '../describeDatabaseError.js';
import { listDir } from '../fsWalk.js';
import type { ScanReporter } from '../plugin.js';
import { workspaceComposersValue } from './cursorChatKeys.js';
import { cursorWorkspaceComposersSchema, workspaceJsonSchema } from './cursorRecords.js';

/** Where Cursor's chats ran: by chat (a window's index) and by window id (a chat's workspaceIdentifier). */
export interface CursorWorkspaceFolders {
  byComposer: Map<string, string>;
  byWorkspace: Map<string, string>;
}

/** A `file:` URI as a path; undefined for other schemes (remote windows have no local project). */
function folderOfUri(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

async function readWorkspaceFolder(dir: string): Promise<string | undefined> {
  let raw: string;
  try {
    raw = await fs.readFile(path.join(dir, 'workspace.json'), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = workspaceJsonSchema.safeParse(JSON.parse(raw));
    return parsed.success && parsed.data.folder ? folderOfUri(parsed.data.folder) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Each Cursor window's folder (`workspaceStorage/<id>/workspace.json`, as VS Code writes it) and the chats it
 * lists (`composer.composerData` in that window's state.vscdb: `allComposers[].composerId`). A window database
 * that cannot be read is reported; its chats may still be placed through their workspaceIdentifier.
 */
export async function cursorWorkspaceFolders(workspaceStorage: string, reporter: ScanReporter): Promise<CursorWorkspaceFolders> {
  const result: CursorWorkspaceFolders = { byComposer: new Map(), byWorkspace: new Map() };
  for (const entry of await listDir(workspaceStorage, reporter)) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(workspaceStorage, entry.name);
    const folder = await readWorkspaceFolder(dir);
    if (folder === undefined) continue;
    result.byWorkspace.set(entry.name, folder);
    const database = path.join(dir, 'state.vscdb');
    let value: string | undefined;
    try {
      const opened = await openSqliteSnapshot(database);
      try {
        value = workspaceComposersValue(opened);
      } finally {
        opened.close();
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') reporter.warn(`Cursor: ${describeDatabaseError(database, error)}; its chats are placed by their own record.`);
      continue;
    }
    if (value === undefined) continue;
    try {
      const index = cursorWorkspaceComposersSchema.safeParse(JSON.parse(value));
      for (const { composerId } of index.success ? (index.data.allComposers ?? []) : []) result.byComposer.set(composerId, folder);
    } catch {
      reporter.warn(`Cursor: the chat index in ${database} is not JSON; its chats are placed by their own record.`);
    }
  }
  return result;
}
