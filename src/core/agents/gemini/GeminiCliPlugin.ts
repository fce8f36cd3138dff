import * as path from 'node:path';
import type {
  AgentEnvironment,
  AgentPlugin,
  AgentTarget,
  ListProjectsOptions,
  ParsedSession,
  ParseOptions,
  ProjectSessions,
  ScanReporter,
  SessionFile,
} from '../plugin.js';
import { isDirectory } from '../fsWalk.js';
import { isWindowsPath, normaliseProjectPath } from '../projectPaths.js';
import { attributeGeminiFolders } from './attributeGeminiFolders.js';
import { findGeminiProjectFolders } from './findGeminiProjectFolders.js';
import { geminiTmpDir } from './geminiLocations.js';
import { geminiSessionFiles } from './geminiSessionFiles.js';
import { listGeminiChats } from './listGeminiChats.js';
import { DEFAULT_GEMINI_PARSE_LIMITS, parseGeminiSession, type GeminiParseLimits } from './parseGeminiSession.js';

/**
 * Gemini CLI: sessions under `$GEMINI_CLI_HOME/.gemini/tmp/<id>/chats/` (or `<home>/.gemini`),
 * where `<id>` is the sha256 of the project path (≤ 0.28) or a slug from `projects.json`
 * confirmed by `.project_root` (0.29+). Learnings go to `GEMINI.md` at the project root.
 */
export class GeminiCliPlugin implements AgentPlugin {
  readonly name = 'gemini';
  readonly displayName = 'Gemini CLI';
  /** Chat files are single JSON documents rewritten as the chat goes on: one that changed is parsed again (scan cache). */
  readonly parserVersion = '1';
  /** Its ≤ 0.28 folders are sha256 hashes of the project path: matched against every other agent's projects. */
  readonly listsProjectsLast = true;

  constructor(private readonly limits: GeminiParseLimits = DEFAULT_GEMINI_PARSE_LIMITS) {}

  async detect(environment: AgentEnvironment): Promise<boolean> {
    return isDirectory(geminiTmpDir(environment));
  }

  async findSessions(projectPath: string, environment: AgentEnvironment, reporter: ScanReporter): Promise<SessionFile[]> {
    const folders = await findGeminiProjectFolders(projectPath, environment, reporter);
    return geminiSessionFiles(folders, projectPath, reporter);
  }

  async listProjects(environment: AgentEnvironment, reporter: ScanReporter, options: ListProjectsOptions = {}): Promise<ProjectSessions[]> {
    const knownPaths = options.knownProjectPaths ?? environment.knownProjectPaths ?? [];
    const { attributed, unattributed } = await attributeGeminiFolders(environment, reporter, knownPaths, this.limits);
    for (const folder of unattributed) {
      const chats = await listGeminiChats(folder, reporter);
      if (chats.length === 0) continue;
      reporter.warn(
        `Gemini CLI: ${chats.length} session file(s) in ${folder} cannot be attributed to a project ` +
          '(the folder name is a one-way sha256 of the project path, and neither .project_root, projects.json, the projects of ' +
          'the other agents nor the paths its own sessions recorded match it); ' +
          'scan that project with --project PATH to include them.',
      );
    }
    const byProject = new Map<string, { projectPath: string; folders: string[] }>();
    for (const { folder, projectPath } of attributed) {
      const key = normaliseProjectPath(projectPath);
      const entry = byProject.get(key) ?? { projectPath, folders: [] };
      entry.folders.push(folder);
      byProject.set(key, entry);
    }
    const projects: ProjectSessions[] = [];
    for (const { projectPath, folders } of byProject.values()) {
      const sessions = await geminiSessionFiles(folders, projectPath, reporter);
      if (sessions.length > 0) projects.push({ projectPath, sessions });
    }
    return projects.sort((a, b) => a.projectPath.localeCompare(b.projectPath));
  }

  parse(file: SessionFile, options?: ParseOptions): Promise<ParsedSession> {
    return parseGeminiSession(file, options, this.limits);
  }

  /** Gemini CLI reads `GEMINI.md` at the project root; it has no separate per-project memory file, so both kinds go there. */
  targets(projectPath: string): AgentTarget[] {
    const file = isWindowsPath(projectPath) ? path.win32.join(projectPath, 'GEMINI.md') : path.join(projectPath, 'GEMINI.md');
    return [
      { kind: 'context', path: file, scope: 'project' },
      { kind: 'memory', path: file, scope: 'project' },
    ];
  }
}
