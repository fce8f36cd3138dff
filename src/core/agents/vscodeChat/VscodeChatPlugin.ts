import * as path from 'node:path';
import type {
  AgentEnvironment,
  AgentPlugin,
  AgentTarget,
  ParsedSession,
  ParseOptions,
  ProjectSessions,
  ScanReporter,
  SessionFile,
} from '../plugin.js';
import { isDirectory } from '../fsWalk.js';
import { isSameOrInside, isWindowsPath, normaliseProjectPath, sameProjectPath } from '../projectPaths.js';
import { SessionNotes } from '../gemini/sessionNotes.js';
import { chatSessionFiles } from './chatSessionFiles.js';
import { chatStorageFolders, type ChatStorageFolder } from './chatStorageFolders.js';
import { parseChatSession, readChatSession } from './parseChatSession.js';
import { recordedPaths } from './recordedPaths.js';
import { vscodeUserDirs } from './vscodeUserDirs.js';

/**
 * VS Code's own chat (GitHub Copilot agent mode and any chat participant): sessions under
 * `<User>/workspaceStorage/<id>/chatSessions/` (workspace.json names the folder) and
 * `<User>/globalStorage/emptyWindowChatSessions/` for windows without a folder, in VS Code, VS Code Insiders and
 * VSCodium. Learnings go to `.github/copilot-instructions.md`, which Copilot reads in every chat of the repository
 * (VS Code chat also reads AGENTS.md, which the Codex plugin already writes).
 */
export class VscodeChatPlugin implements AgentPlugin {
  readonly name = 'vscode-chat';
  readonly displayName = 'VS Code chat';

  async detect(environment: AgentEnvironment): Promise<boolean> {
    for (const userDir of vscodeUserDirs(environment)) {
      if ((await isDirectory(path.join(userDir, 'workspaceStorage'))) || (await isDirectory(path.join(userDir, 'globalStorage', 'emptyWindowChatSessions')))) {
        return true;
      }
    }
    return false;
  }

  async findSessions(projectPath: string, environment: AgentEnvironment, reporter: ScanReporter): Promise<SessionFile[]> {
    const sessions: SessionFile[] = [];
    for (const folder of await chatStorageFolders(environment, reporter)) {
      if (folder.emptyWindow) sessions.push(...(await emptyWindowSessionsOf(folder, projectPath, reporter)));
      else if (folder.projectPath && sameProjectPath(folder.projectPath, projectPath)) sessions.push(...(await chatSessionFiles(folder.sessionsDir, projectPath, reporter)));
    }
    return sessions;
  }

  async listProjects(environment: AgentEnvironment, reporter: ScanReporter): Promise<ProjectSessions[]> {
    const byProject = new Map<string, ProjectSessions>();
    const emptyWindows: ChatStorageFolder[] = [];
    for (const folder of await chatStorageFolders(environment, reporter)) {
      if (folder.emptyWindow) {
        emptyWindows.push(folder);
        continue;
      }
      if (!folder.projectPath) {
        const count = (await chatSessionFiles(folder.sessionsDir, '', reporter)).length;
        reporter.warn(`VS Code chat: ${count} session file(s) in ${folder.sessionsDir} cannot be attributed to a project (${folder.unattributedReason}); scan that project with --project PATH to include them.`);
        continue;
      }
      const key = normaliseProjectPath(folder.projectPath);
      const entry = byProject.get(key) ?? { projectPath: folder.projectPath, sessions: [] };
      entry.sessions.push(...(await chatSessionFiles(folder.sessionsDir, entry.projectPath, reporter)));
      byProject.set(key, entry);
    }
    // A window with no folder has no workspace.json: its sessions go to the known projects whose files they record.
    for (const folder of emptyWindows) {
      let unattributed = 0;
      for (const file of await chatSessionFiles(folder.sessionsDir, '', reporter)) {
        const paths = await sessionPaths(file, reporter);
        if (paths === undefined) continue;
        const owners = [...byProject.values()].filter((project) => paths.some((p) => isSameOrInside(project.projectPath, p)));
        for (const owner of owners) owner.sessions.push({ ...file, projectPath: owner.projectPath });
        if (owners.length === 0) unattributed += 1;
      }
      if (unattributed > 0) {
        reporter.warn(
          `VS Code chat: ${unattributed} session file(s) in ${folder.sessionsDir} cannot be attributed to a project (they come from windows with no folder open and record no file of a known project); scan that project with --project PATH to include those that record its files.`,
        );
      }
    }
    return [...byProject.values()].filter((p) => p.sessions.length > 0).sort((a, b) => a.projectPath.localeCompare(b.projectPath));
  }

  parse(file: SessionFile, options?: ParseOptions): Promise<ParsedSession> {
    return parseChatSession(file, options);
  }

  /** `.github/copilot-instructions.md`: VS Code adds it to every chat request in the workspace. Both kinds go there. */
  targets(projectPath: string): AgentTarget[] {
    const join = isWindowsPath(projectPath) ? path.win32.join : path.join;
    const file = join(projectPath, '.github', 'copilot-instructions.md');
    return [
      { kind: 'context', path: file, scope: 'project' },
      { kind: 'memory', path: file, scope: 'project' },
    ];
  }
}

/** The empty-window sessions that record a file inside the project (they have no workspace.json to say so). */
async function emptyWindowSessionsOf(folder: ChatStorageFolder, projectPath: string, reporter: ScanReporter): Promise<SessionFile[]> {
  const matched: SessionFile[] = [];
  for (const file of await chatSessionFiles(folder.sessionsDir, projectPath, reporter)) {
    const paths = await sessionPaths(file, reporter);
    if (paths?.some((p) => isSameOrInside(projectPath, p))) matched.push(file);
  }
  return matched;
}

/** The file paths a session records (recordedPaths); undefined, reported, when it cannot be read. */
async function sessionPaths(file: SessionFile, reporter: ScanReporter): Promise<string[] | undefined> {
  try {
    return recordedPaths((await readChatSession(file.path, new SessionNotes(file.path))).session);
  } catch (error) {
    reporter.warn(`${(error as Error).message}; skipped.`);
    return undefined;
  }
}
