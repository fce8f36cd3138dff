import * as path from 'node:path';
import type {
  AgentEnvironment,
  AgentPlugin,
  AgentTarget,
  ListProjectsOptions,
  SessionHeadCache,
  ParsedSession,
  ParseOptions,
  ProjectSessions,
  ScanReporter,
  SessionFile,
  ResumableParser,
} from '../plugin.js';
import { isDirectory } from '../fsWalk.js';
import { isSameOrInside, normaliseProjectPath } from '../projectPaths.js';
import { addBranch } from '../recordedBranches.js';
import { readEveryHead } from '../readEveryHead.js';
import { codexRoot, listRolloutFiles } from './codexHome.js';
import { parseCodexRollout, parseCodexRolloutFrom } from './parseCodexRollout.js';
import { parseLegacyJson } from './parseLegacyJson.js';
import { isSessionHead, readSessionHead, SESSION_HEAD_KIND, type SessionHead } from './readSessionHead.js';
import { isLegacyJsonFileName, sessionIdFromFileName } from './sessionFileName.js';

/**
 * OpenAI Codex CLI. Sessions live in `$CODEX_HOME` (default `~/.codex`) under
 * `sessions/` and `archived_sessions/`, not per project: a session belongs to
 * the project whose folder is, or contains, the cwd it started in (read from the
 * head of each file; see readSessionHead.ts). Legacy `.json` sessions record no
 * cwd; unless an `<environment_context>` names one they belong to no project, and
 * `--all` reports them as unattributed instead of guessing.
 *
 * Tool calls (parseCodexRollout.ts, describeCodexCall.ts, resolveCodexOutcome.ts):
 * - shell / shell_command / exec_command / local_shell_call → Bash, the command with
 *   any `bash -lc` wrapper dropped; apply_patch → Edit (first file of the patch);
 *   update_plan → Plan; view_image → Read; web_search → WebSearch; MCP tools → Mcp;
 *   code-mode `exec` scripts → Bash with the literal commands they run (Edit when
 *   they only apply a patch).
 * - write_stdin and code-mode `wait` → Bash, without a command: they poll a process
 *   another call started. A poll is never a failure; when the process ends in a
 *   poll, that exit code is the outcome of the call that started it (unless an
 *   exec_command_end already gave it).
 */
export class CodexPlugin implements AgentPlugin {
  readonly name = 'codex';
  readonly displayName = 'Codex CLI';
  readonly parserVersion = '1';

  async detect(environment: AgentEnvironment): Promise<boolean> {
    return isDirectory(codexRoot(environment));
  }

  async findSessions(projectPath: string, environment: AgentEnvironment, reporter: ScanReporter): Promise<SessionFile[]> {
    const sessions: SessionFile[] = [];
    for (const { file, head } of await this.readHeads(environment, reporter)) {
      if (head.cwd !== undefined && isSameOrInside(projectPath, head.cwd)) sessions.push(this.sessionFile(file, head, projectPath));
    }
    return sessions;
  }

  async listProjects(environment: AgentEnvironment, reporter: ScanReporter, options?: ListProjectsOptions): Promise<ProjectSessions[]> {
    const projects = new Map<string, ProjectSessions>();
    const unattributed: string[] = [];
    for (const { file, head } of await this.readHeads(environment, reporter, options?.heads)) {
      if (head.cwd === undefined) {
        unattributed.push(file);
        continue;
      }
      const key = normaliseProjectPath(head.cwd);
      let project = projects.get(key);
      if (!project) {
        project = { projectPath: head.cwd, sessions: [] };
        projects.set(key, project);
      }
      project.sessions.push(this.sessionFile(file, head, project.projectPath));
      if (head.branch !== undefined) project.branches = addBranch(project.branches, head.branch);
    }
    if (unattributed.length > 0) {
      const shown = unattributed.slice(0, 5).join(', ');
      const more = unattributed.length > 5 ? ` and ${unattributed.length - 5} more` : '';
      reporter.warn(
        `${unattributed.length === 1 ? '1 Codex session records' : `${unattributed.length} Codex sessions record`} no working directory, ` +
          `so no project can be named for them (not scanned): ${shown}${more}.`,
      );
    }
    return [...projects.values()];
  }

  /** Rollouts are append-only JSONL: one that grew is read on from its last complete line; legacy JSON files are parsed whole. */
  readonly resumable: ResumableParser = {
    parseFrom: async (file, from, options) =>
      isLegacyJsonFileName(path.basename(file.path)) ? { session: await parseLegacyJson(this.name, file, options) } : parseCodexRolloutFrom(this.name, file, from, options),
  };

  parse(file: SessionFile, options?: ParseOptions): Promise<ParsedSession> {
    return isLegacyJsonFileName(path.basename(file.path)) ? parseLegacyJson(this.name, file, options) : parseCodexRollout(this.name, file, options);
  }

  targets(projectPath: string, environment: AgentEnvironment): AgentTarget[] {
    return [
      { kind: 'context', path: path.join(projectPath, 'AGENTS.md'), scope: 'project' },
      { kind: 'memory', path: path.join(codexRoot(environment), 'instructions.md'), scope: 'shared', root: codexRoot(environment) },
    ];
  }

  /**
   * The head of every rollout file; a file that cannot be read is reported and left out. `kept`: the heads an
   * earlier listing read, reused for the files that did not change.
   */
  private async readHeads(environment: AgentEnvironment, reporter: ScanReporter, kept?: SessionHeadCache): Promise<Array<{ file: string; head: SessionHead }>> {
    const heads: Array<{ file: string; head: SessionHead }> = [];
    const files = await listRolloutFiles(environment, reporter);
    const results = await (kept ?? readEveryHead).read(SESSION_HEAD_KIND, codexRoot(environment), files, readSessionHead, isSessionHead);
    for (const [i, file] of files.entries()) {
      const result = results[i];
      if ('head' in result) heads.push({ file, head: result.head });
      else reporter.warn(`${(result.error as Error).message}; skipped.`);
    }
    return heads;
  }

  private sessionFile(file: string, head: SessionHead, projectPath: string): SessionFile {
    const session: SessionFile = { agent: this.name, path: file, projectPath, subagent: head.subagent };
    const sessionId = head.sessionId ?? sessionIdFromFileName(file);
    if (sessionId !== undefined) session.sessionId = sessionId;
    return session;
  }
}
