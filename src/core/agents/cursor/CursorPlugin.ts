import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Database } from 'sql.js';
import { SqliteSnapshotCache } from '../../logs/sqlite/sqliteSnapshot.js';
import { databaseSessionPath, splitDatabaseSessionPath } from '../databaseSessionPath.js';
import { describeDatabaseError } from '../describeDatabaseError.js';
import type { AgentEnvironment, AgentPlugin, AgentTarget, ParsedSession, ProjectSessions, ScanReporter, SessionFile } from '../plugin.js';
import { isSameOrInside, isWindowsPath, normaliseProjectPath } from '../projectPaths.js';
import { bubbleValues, composerValue, composerValues } from './cursorChatKeys.js';
import { cursorGlobalDatabase, cursorUserDirs, cursorWorkspaceStorage } from './cursorLocations.js';
import { cursorComposerSchema, type CursorComposer } from './cursorRecords.js';
import { cursorWorkspaceFolders, type CursorWorkspaceFolders } from './cursorWorkspaces.js';
import { parseCursorComposer } from './parseCursorComposer.js';

/** The rule file Cursor loads for every request of the project (`alwaysApply: true`), owned by headroom. */
const RULE_FILE = ['.cursor', 'rules', 'headroom-learn.mdc'] as const;
const RULE_HEADER = '---\ndescription: Project facts learned by Headroom Learn from past agent sessions\nalwaysApply: true\n---\n';

interface PlacedChat {
  database: string;
  composer: CursorComposer;
  folder: string | undefined;
}

function hasMessages(composer: CursorComposer): boolean {
  return (composer.fullConversationHeadersOnly?.length ?? 0) > 0 || (composer.conversation?.length ?? 0) > 0;
}

/**
 * Cursor (the editor's agent and chat): every chat in `globalStorage/state.vscdb` (cursorLocations.ts), read
 * through cursorChatKeys.ts, which selects only the `composerData:*` and `bubbleId:*` keys: the same database
 * holds the user's access tokens, which are never selected. A chat belongs to the folder of the window that lists
 * it (`workspaceStorage/<id>`, cursorWorkspaces.ts), or of the window its own workspaceIdentifier names. A chat is
 * named `<database>#<composer id>`. Learnings go to `.cursor/rules/headroom-learn.mdc`, a rule file headroom owns,
 * with `alwaysApply: true` front matter so Cursor loads it for every request, and the usual marker section.
 */
export class CursorPlugin implements AgentPlugin {
  readonly name = 'cursor';
  readonly displayName = 'Cursor';
  private readonly snapshots = new SqliteSnapshotCache();
  /** The chats of each open snapshot: listing a project and finding its sessions read them once, not per call. */
  private readonly chatsRead = new WeakMap<Database, { chats: PlacedChat[]; damaged: number }>();
  /** Window folders per user folder, read once per plugin (a parse knows only its database's path). */
  private readonly folders = new Map<string, Promise<CursorWorkspaceFolders>>();

  async detect(environment: AgentEnvironment): Promise<boolean> {
    for (const userDir of cursorUserDirs(environment)) {
      if (await fs.stat(cursorGlobalDatabase(userDir)).then((s) => s.isFile(), () => false)) return true;
    }
    return false;
  }

  async findSessions(projectPath: string, environment: AgentEnvironment, reporter: ScanReporter): Promise<SessionFile[]> {
    const chats = await this.placedChats(environment, reporter);
    return chats.filter((chat) => chat.folder !== undefined && isSameOrInside(projectPath, chat.folder)).map((chat) => this.sessionFile(chat, projectPath));
  }

  async listProjects(environment: AgentEnvironment, reporter: ScanReporter): Promise<ProjectSessions[]> {
    const projects = new Map<string, ProjectSessions>();
    let unplaced = 0;
    for (const chat of await this.placedChats(environment, reporter)) {
      if (chat.folder === undefined) {
        unplaced += 1;
        continue;
      }
      const key = normaliseProjectPath(chat.folder);
      const project = projects.get(key) ?? { projectPath: chat.folder, sessions: [] };
      projects.set(key, project);
      project.sessions.push(this.sessionFile(chat, project.projectPath));
    }
    if (unplaced > 0) {
      reporter.warn(`Cursor: ${unplaced} chat(s) name no window with a local folder (an empty window, or one that Cursor no longer lists), so no project can be named for them (not scanned).`);
    }
    return [...projects.values()].sort((a, b) => a.projectPath.localeCompare(b.projectPath));
  }

  async parse(file: SessionFile): Promise<ParsedSession> {
    const place = splitDatabaseSessionPath(file.path);
    if (!place) throw new Error(`${file.path} does not name a Cursor chat (expected <state.vscdb>#<composer id>)`);
    const database = await this.snapshots.open(place.database);
    const raw = composerValue(database, place.sessionId);
    const composer = cursorComposerSchema.safeParse(raw === undefined ? undefined : safeJson(raw));
    if (!composer.success) throw new Error(`chat ${place.sessionId} is no longer readable in ${place.database}`);
    const userDir = path.dirname(path.dirname(place.database));
    const folders = await this.workspaceFolders(userDir, { warn: () => undefined });
    const cwd = folderOf(composer.data, folders);
    return parseCursorComposer(composer.data, bubbleValues(database, place.sessionId), { file: file.path, ...(cwd === undefined ? {} : { cwd }) });
  }

  targets(projectPath: string): AgentTarget[] {
    const join = isWindowsPath(projectPath) ? path.win32.join : path.join;
    const file = join(projectPath, ...RULE_FILE);
    return [
      { kind: 'context', path: file, scope: 'project', header: RULE_HEADER },
      { kind: 'memory', path: file, scope: 'project', header: RULE_HEADER },
    ];
  }

  private workspaceFolders(userDir: string, reporter: ScanReporter): Promise<CursorWorkspaceFolders> {
    let folders = this.folders.get(userDir);
    if (!folders) {
      folders = cursorWorkspaceFolders(cursorWorkspaceStorage(userDir), reporter);
      this.folders.set(userDir, folders);
    }
    return folders;
  }

  /** Every chat with messages, in every Cursor user folder, with the folder it ran in when known. */
  private async placedChats(environment: AgentEnvironment, reporter: ScanReporter): Promise<PlacedChat[]> {
    const chats: PlacedChat[] = [];
    for (const userDir of cursorUserDirs(environment)) {
      const database = cursorGlobalDatabase(userDir);
      let opened: Database;
      try {
        opened = await this.snapshots.open(database);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') reporter.warn(`Cursor: ${describeDatabaseError(database, error)}; skipped.`);
        continue;
      }
      const folders = await this.workspaceFolders(userDir, reporter);
      let read = this.chatsRead.get(opened);
      if (!read) {
        read = readChats(database, opened, folders);
        this.chatsRead.set(opened, read);
      }
      if (read.damaged > 0) reporter.warn(`Cursor: ${read.damaged} chat record(s) in ${database} are not JSON or have no id; skipped.`);
      chats.push(...read.chats);
    }
    return chats;
  }

  private sessionFile(chat: PlacedChat, projectPath: string): SessionFile {
    return { agent: this.name, path: databaseSessionPath(chat.database, chat.composer.composerId), projectPath, subagent: false, sessionId: chat.composer.composerId };
  }
}

/** Every chat with messages in one open database, placed in its window's folder; records that are not chats counted. */
function readChats(database: string, opened: Database, folders: CursorWorkspaceFolders): { chats: PlacedChat[]; damaged: number } {
  const chats: PlacedChat[] = [];
  let damaged = 0;
  for (const { value } of composerValues(opened)) {
    const composer = cursorComposerSchema.safeParse(value === undefined ? undefined : safeJson(value));
    if (!composer.success) damaged += 1;
    else if (hasMessages(composer.data)) chats.push({ database, composer: composer.data, folder: folderOf(composer.data, folders) });
  }
  return { chats, damaged };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function folderOf(composer: CursorComposer, folders: CursorWorkspaceFolders): string | undefined {
  const byIndex = folders.byComposer.get(composer.composerId);
  if (byIndex !== undefined) return byIndex;
  const workspaceId = composer.workspaceIdentifier?.id;
  return workspaceId === undefined ? undefined : folders.byWorkspace.get(workspaceId);
}
