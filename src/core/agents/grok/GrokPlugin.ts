import type { AgentEnvironment, AgentPlugin, AgentTarget, ParsedSession, ParseOptions, ProjectSessions, ScanReporter, SessionFile } from '../plugin.js';
import { isDirectory } from '../fsWalk.js';
import { isSameOrInside, normaliseProjectPath } from '../projectPaths.js';
import { GROK_AGENT, grokSessionsDir } from './grokLocations.js';
import { grokTargets } from './grokTargets.js';
import { listGrokSessionFiles, type GrokSessionEntry } from './listGrokSessionFiles.js';
import { parseGrokSession } from './parseGrokSession.js';

/**
 * Grok Build (xAI's CLI): sessions under `$GROK_HOME` or `~/.grok/sessions/<url-encoded cwd>/<id>/updates.jsonl`,
 * the working folder from each session's summary.json (else the folder name); GROK.md (or AGENTS.md) as target.
 */
export class GrokPlugin implements AgentPlugin {
  readonly name = GROK_AGENT;
  readonly displayName = 'Grok CLI';

  detect(environment: AgentEnvironment): Promise<boolean> {
    return isDirectory(grokSessionsDir(environment));
  }

  async findSessions(projectPath: string, environment: AgentEnvironment, reporter: ScanReporter): Promise<SessionFile[]> {
    const entries = await listGrokSessionFiles(environment, reporter);
    return entries.filter((entry) => entry.cwd !== undefined && isSameOrInside(projectPath, entry.cwd)).map((entry) => sessionFile(entry, projectPath));
  }

  async listProjects(environment: AgentEnvironment, reporter: ScanReporter): Promise<ProjectSessions[]> {
    const projects = new Map<string, ProjectSessions>();
    for (const entry of await listGrokSessionFiles(environment, reporter)) {
      if (entry.cwd === undefined) {
        reporter.warn(`Grok CLI: ${entry.path} names no working folder (no summary.json, and its folder name does not decode); skipped.`);
        continue;
      }
      const key = normaliseProjectPath(entry.cwd);
      const project = projects.get(key) ?? { projectPath: entry.cwd, sessions: [] };
      project.sessions.push(sessionFile(entry, project.projectPath));
      projects.set(key, project);
    }
    return [...projects.values()].sort((a, b) => a.projectPath.localeCompare(b.projectPath));
  }

  parse(file: SessionFile, options?: ParseOptions): Promise<ParsedSession> {
    return parseGrokSession(file, options);
  }

  targets(projectPath: string): AgentTarget[] {
    return grokTargets(projectPath);
  }
}

function sessionFile(entry: GrokSessionEntry, projectPath: string): SessionFile {
  return { agent: GROK_AGENT, path: entry.path, projectPath, subagent: entry.subagent, sessionId: entry.sessionId };
}
