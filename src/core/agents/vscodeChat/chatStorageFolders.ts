import * as path from 'node:path';
import type { AgentEnvironment, ScanReporter } from '../plugin.js';
import { describeFsError, listDir } from '../fsWalk.js';
import { readRegularTextFile } from '../../logs/regularFile.js';
import { workspaceJsonSchema } from './chatSessionSchemas.js';
import { uriToPath } from './uriToPath.js';
import { vscodeUserDirs, windowStorage } from './vscodeUserDirs.js';

/** Where VS Code keeps a window's chat sessions: `<User>/workspaceStorage/<id>/chatSessions/`. */
const CHAT_SESSIONS_FOLDER = 'chatSessions';
/** Sessions of windows with no folder open: `<User>/globalStorage/emptyWindowChatSessions/`. */
const EMPTY_WINDOW_FOLDER = path.join('globalStorage', 'emptyWindowChatSessions');

/** One folder of chat session files, and the project it belongs to when known. */
export interface ChatStorageFolder {
  sessionsDir: string;
  /** The workspace folder of that storage (workspace.json, or the current window's own), if any. */
  projectPath?: string;
  /** Why the folder has no project, for the report. */
  unattributedReason?: string;
  emptyWindow: boolean;
}

/** Every chat-session folder of every VS Code user folder in this environment. */
export async function chatStorageFolders(environment: AgentEnvironment, reporter: ScanReporter): Promise<ChatStorageFolder[]> {
  const window = windowStorage(environment);
  const folders: ChatStorageFolder[] = [];
  for (const userDir of vscodeUserDirs(environment)) {
    const workspaceStorage = path.join(userDir, 'workspaceStorage');
    for (const entry of await listDir(workspaceStorage, reporter)) {
      if (!entry.isDirectory()) continue;
      const storageDir = path.join(workspaceStorage, entry.name);
      const sessionsDir = path.join(storageDir, CHAT_SESSIONS_FOLDER);
      if ((await listDir(sessionsDir, reporter)).length === 0) continue;
      const owner = await storageOwner(storageDir, reporter);
      const ownFolder = window && path.resolve(storageDir) === window.storageDir ? window.folders[0] : undefined;
      const projectPath = owner.projectPath ?? ownFolder;
      folders.push(projectPath ? { sessionsDir, projectPath, emptyWindow: false } : { sessionsDir, unattributedReason: owner.reason, emptyWindow: false });
    }
    const emptyWindowDir = path.join(userDir, EMPTY_WINDOW_FOLDER);
    if ((await listDir(emptyWindowDir, reporter)).length > 0) folders.push({ sessionsDir: emptyWindowDir, emptyWindow: true });
  }
  return folders;
}

/** The folder a workspace storage belongs to, from its `workspace.json` (`{"folder": "file:///…"}`). */
async function storageOwner(storageDir: string, reporter: ScanReporter): Promise<{ projectPath?: string; reason: string }> {
  const file = path.join(storageDir, 'workspace.json');
  let text: string;
  try {
    text = await readRegularTextFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') reporter.warn(`Cannot read ${file}: ${describeFsError(error)}; its chat sessions are not attributed.`);
    return { reason: `${storageDir} has no readable workspace.json naming its folder` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    reporter.warn(`${file} is not valid JSON; its chat sessions are not attributed.`);
    return { reason: `${file} is damaged` };
  }
  const parsed = workspaceJsonSchema.safeParse(value);
  if (parsed.success && parsed.data.folder) {
    const folder = uriToPath(parsed.data.folder);
    if (folder) return { projectPath: folder, reason: '' };
    return { reason: `${file} names a folder that is not on a file system (${parsed.data.folder})` };
  }
  if (parsed.success && parsed.data.workspace) return { reason: `${file} names a multi-root workspace (${parsed.data.workspace}), not one folder` };
  return { reason: `${file} names no folder` };
}
