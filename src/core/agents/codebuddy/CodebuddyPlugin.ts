import type { AgentEnvironment, ListProjectsOptions, AgentPlugin, AgentTarget, ParsedSession, ParseOptions, ProjectSessions, ScanReporter, SessionFile } from '../plugin.js';
import { isDirectory } from '../fsWalk.js';
import { findTranscriptSessions } from '../claude/findTranscriptSessions.js';
import { listTranscriptProjects } from '../claude/listTranscriptProjects.js';
import { CODEBUDDY_AGENT, codebuddyProjectsDir, codebuddyTranscriptLayout } from './codebuddyLocations.js';
import { codebuddyTargets } from './codebuddyTargets.js';
import { parseCodebuddySession } from './parseCodebuddySession.js';
import { codebuddyFileFormat } from './codebuddyFileFormat.js';
import { parseClaudeSession } from '../claude/parseClaudeSession.js';
import { describeFsError } from '../fsWalk.js';

/**
 * CodeBuddy Code (Tencent): sessions under `<codebuddy root>/projects/<project folder>/`, in Claude Code's
 * folder layout (its session discovery is shared) with CodeBuddy's own items per line; CODEBUDDY.md and
 * the auto memory's MEMORY.md as targets.
 */
export class CodebuddyPlugin implements AgentPlugin {
  readonly name = CODEBUDDY_AGENT;
  readonly displayName = 'CodeBuddy Code';

  detect(environment: AgentEnvironment): Promise<boolean> {
    return isDirectory(codebuddyProjectsDir(environment));
  }

  findSessions(projectPath: string, environment: AgentEnvironment, reporter: ScanReporter): Promise<SessionFile[]> {
    return findTranscriptSessions(projectPath, codebuddyTranscriptLayout(environment), reporter);
  }

  listProjects(environment: AgentEnvironment, reporter: ScanReporter, options?: ListProjectsOptions): Promise<ProjectSessions[]> {
    return listTranscriptProjects(codebuddyTranscriptLayout(environment), reporter, options?.heads);
  }

  /** CodeBuddy 2.x items with its own parser; a file in Claude Code's record format (earlier CodeBuddy) with Claude's. */
  async parse(file: SessionFile, options?: ParseOptions): Promise<ParsedSession> {
    let format: 'items' | 'claude';
    try {
      format = await codebuddyFileFormat(file.path, options?.signal);
    } catch (error) {
      if (options?.signal?.aborted) throw error;
      throw Object.assign(new Error(`Cannot read CodeBuddy Code session ${file.path}: ${describeFsError(error)}`, { cause: error }), {
        code: (error as NodeJS.ErrnoException)?.code,
        path: file.path,
      });
    }
    if (format === 'items') return parseCodebuddySession(file, options);
    const session = await parseClaudeSession(file, options);
    return { ...session, calls: session.calls.map((call) => ({ ...call, agent: CODEBUDDY_AGENT })) };
  }

  targets(projectPath: string, environment: AgentEnvironment): AgentTarget[] {
    return codebuddyTargets(projectPath, environment);
  }
}
