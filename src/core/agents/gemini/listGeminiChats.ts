import type { Dirent } from 'node:fs';
import * as path from 'node:path';
import type { ScanReporter } from '../plugin.js';
import { listDir } from '../fsWalk.js';

export interface GeminiChatFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the project folder's `chats/` (the same session copied to another folder has the same one). */
  relativePath: string;
  subagent: boolean;
  /** Full session id when the file name holds it (subagent chats `<sessionId>.jsonl`). */
  sessionId?: string;
}

/** Main chats: `session-<YYYY-MM-DDTHH-MM>-<first 8 of sessionId>.json` (legacy) or `.jsonl`. */
const MAIN_CHAT = /^session-.+\.jsonl?$/;
/** Subagent chats, one folder per parent session: `<parentSessionId>/<sessionId>.jsonl`. */
const SUBAGENT_CHAT = /^(.+)\.jsonl?$/;

/**
 * The session files of one project folder (`tmp/<id>`): `chats/session-*.json[l]` and the
 * subagent chats `chats/<parentSessionId>/<sessionId>.jsonl`. When a legacy `session-X.json`
 * was resumed, Gemini copied it whole into `session-X.jsonl` beside it and kept writing
 * there, so the `.json` is left out. An entry named like a session file that is not a
 * regular file (a dangling link, a folder) is kept, so parsing it reports it as unreadable.
 */
export async function listGeminiChats(projectFolder: string, reporter: ScanReporter): Promise<GeminiChatFile[]> {
  const chatsDir = path.join(projectFolder, 'chats');
  const entries = await listDir(chatsDir, reporter);
  const names = new Set(entries.map((entry) => entry.name));
  const found: GeminiChatFile[] = [];
  for (const entry of entries) {
    const full = path.join(chatsDir, entry.name);
    if (MAIN_CHAT.test(entry.name)) {
      if (entry.name.endsWith('.json') && names.has(`${entry.name}l`)) continue;
      found.push({ path: full, relativePath: entry.name, subagent: false });
    } else if (entry.isDirectory()) {
      found.push(...(await listSubagentChats(full, entry.name, reporter)));
    }
  }
  return found.sort((a, b) => a.relativePath.localeCompare(b.relativePath));
}

async function listSubagentChats(dir: string, parentName: string, reporter: ScanReporter): Promise<GeminiChatFile[]> {
  const found: GeminiChatFile[] = [];
  for (const entry of await listDir(dir, reporter)) {
    const match = SUBAGENT_CHAT.exec(entry.name);
    if (!match || !isFileLike(entry)) continue;
    found.push({ path: path.join(dir, entry.name), relativePath: `${parentName}/${entry.name}`, subagent: true, sessionId: match[1] });
  }
  return found;
}

function isFileLike(entry: Dirent): boolean {
  return entry.isFile() || entry.isSymbolicLink();
}
