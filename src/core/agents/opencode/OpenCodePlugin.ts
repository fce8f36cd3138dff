import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Database } from 'sql.js';
import { queryRows } from '../../logs/sqlite/queryRows.js';
import { SqliteSnapshotCache } from '../../logs/sqlite/sqliteSnapshot.js';
import { databaseSessionPath, splitDatabaseSessionPath } from '../databaseSessionPath.js';
import { describeDatabaseError } from '../describeDatabaseError.js';
import type {
  AgentEnvironment,
  AgentPlugin,
  AgentTarget,
  ParsedSession,
  ProjectSessions,
  ScanReporter,
  SessionFile,
} from '../plugin.js';
import { isSameOrInside, isWindowsPath, normaliseProjectPath } from '../projectPaths.js';
import { opencodeDatabases } from './opencodeDatabases.js';
import { opencodeSessionRowSchema, type OpencodeSessionRow } from './opencodeRecords.js';
import { parseOpencodeSession } from './parseOpencodeSession.js';
import { readOpencodeSessions } from './readOpencodeSessions.js';

const SESSION_BY_ID =
  'SELECT s.id AS id, s.directory AS directory, s.parent_id AS parent_id, s.time_created AS time_created, p.worktree AS worktree ' +
  'FROM session s LEFT JOIN project p ON p.id = s.project_id WHERE s.id = ?';

/**
 * The project a session belongs to: its project's root (the git worktree OpenCode recorded) when the session ran
 * inside it, else the folder it ran in (OpenCode's "global" project, worktree '/', is no project).
 */
function projectPathOf(session: OpencodeSessionRow): string {
  const root = session.worktree;
  if (root && root !== '/' && isSameOrInside(root, session.directory)) return root;
  return session.directory;
}

/**
 * OpenCode (anomalyco/opencode, formerly sst/opencode): every session in one SQLite database, `opencode.db` in
 * `~/.local/share/opencode` (opencodeDatabases.ts), tables `project`, `session`, `message`, `part`
 * (session.sql.ts). Tool calls are `part` rows of type `tool`; how each ended is opencodeOutcome.ts. A session is
 * named `<database>#<session id>` (databaseSessionPath.ts). Sessions a `task` call started (a `parent_id`) are
 * subagent sessions. Learnings go to `AGENTS.md` at the project root, the file OpenCode reads (shared with Codex,
 * planned once for both).
 */
export class OpenCodePlugin implements AgentPlugin {
  readonly name = 'opencode';
  readonly displayName = 'OpenCode';
  /** One open database at a time: every session of a project is in the same file. */
  private readonly snapshots = new SqliteSnapshotCache();

  async detect(environment: AgentEnvironment): Promise<boolean> {
    for (const database of await opencodeDatabases(environment, { warn: () => undefined })) {
      if (await fs.stat(database).then((s) => s.isFile(), () => false)) return true;
    }
    return false;
  }

  async findSessions(projectPath: string, environment: AgentEnvironment, reporter: ScanReporter): Promise<SessionFile[]> {
    const sessions: SessionFile[] = [];
    for (const { database, rows } of await this.readAllSessions(environment, reporter)) {
      for (const row of rows) if (isSameOrInside(projectPath, row.directory)) sessions.push(this.sessionFile(database, row, projectPath));
    }
    return sessions;
  }

  async listProjects(environment: AgentEnvironment, reporter: ScanReporter): Promise<ProjectSessions[]> {
    const projects = new Map<string, ProjectSessions>();
    for (const { database, rows } of await this.readAllSessions(environment, reporter)) {
      for (const row of rows) {
        const projectPath = projectPathOf(row);
        const key = normaliseProjectPath(projectPath);
        const project = projects.get(key) ?? { projectPath, sessions: [] };
        projects.set(key, project);
        project.sessions.push(this.sessionFile(database, row, project.projectPath));
      }
    }
    return [...projects.values()].sort((a, b) => a.projectPath.localeCompare(b.projectPath));
  }

  async parse(file: SessionFile): Promise<ParsedSession> {
    const place = splitDatabaseSessionPath(file.path);
    if (!place) throw new Error(`${file.path} does not name an OpenCode session (expected <database>#<session id>)`);
    const database = await this.snapshots.open(place.database);
    const row = opencodeSessionRowSchema.safeParse(queryRows(database, SESSION_BY_ID, [place.sessionId])[0]);
    if (!row.success) throw new Error(`session ${place.sessionId} is no longer in ${place.database}`);
    return parseOpencodeSession(database, row.data, file.path);
  }

  /** OpenCode reads `AGENTS.md` at the project root; it has no per-project memory file, so both kinds go there. */
  targets(projectPath: string): AgentTarget[] {
    const file = isWindowsPath(projectPath) ? path.win32.join(projectPath, 'AGENTS.md') : path.join(projectPath, 'AGENTS.md');
    return [
      { kind: 'context', path: file, scope: 'project' },
      { kind: 'memory', path: file, scope: 'project' },
    ];
  }

  /** The sessions of every database; one that cannot be read is reported and left out. */
  private async readAllSessions(environment: AgentEnvironment, reporter: ScanReporter): Promise<Array<{ database: string; rows: OpencodeSessionRow[] }>> {
    const all: Array<{ database: string; rows: OpencodeSessionRow[] }> = [];
    for (const database of await opencodeDatabases(environment, reporter)) {
      let opened: Database;
      try {
        opened = await this.snapshots.open(database);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        reporter.warn(`OpenCode: ${describeDatabaseError(database, error)}; skipped.`);
        continue;
      }
      try {
        const { sessions, damaged } = readOpencodeSessions(opened);
        if (damaged > 0) reporter.warn(`OpenCode: ${damaged} session row(s) in ${database} without an id or folder; skipped.`);
        all.push({ database, rows: sessions });
      } catch (error) {
        reporter.warn(`OpenCode: ${database}: ${(error as Error).message}; skipped.`);
      }
    }
    return all;
  }

  private sessionFile(database: string, row: OpencodeSessionRow, projectPath: string): SessionFile {
    return { agent: this.name, path: databaseSessionPath(database, row.id), projectPath, subagent: row.parent_id !== null, sessionId: row.id };
  }
}
