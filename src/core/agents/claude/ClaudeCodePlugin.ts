import type { AgentEnvironment, ListProjectsOptions, AgentPlugin, AgentTarget, ParsedSession, ParseOptions, ProjectSessions, ResumableParser, ScanReporter, SessionFile, TargetOptions } from '../plugin.js';
import { isDirectory } from '../fsWalk.js';
import { claudeProjectsDir } from './claudeRoot.js';
import { claudeTargets } from './claudeTargets.js';
import { findTranscriptSessions } from './findTranscriptSessions.js';
import { listTranscriptProjects } from './listTranscriptProjects.js';
import { CLAUDE_AGENT, parseClaudeSession, parseClaudeSessionFrom } from './parseClaudeSession.js';
import { claudeTranscriptLayout } from './transcriptLayout.js';

/** Claude Code: transcripts under `<claude root>/projects/`, CLAUDE.md and MEMORY.md as targets. */
export class ClaudeCodePlugin implements AgentPlugin {
  readonly name = CLAUDE_AGENT;
  readonly displayName = 'Claude Code';
  readonly parserVersion = '1';
  /** Transcripts are append-only JSONL: one that grew is read on from its last complete line. */
  readonly resumable: ResumableParser = { parseFrom: (file, from, options) => parseClaudeSessionFrom(file, from, options) };

  detect(environment: AgentEnvironment): Promise<boolean> {
    return isDirectory(claudeProjectsDir(environment));
  }

  findSessions(projectPath: string, environment: AgentEnvironment, reporter: ScanReporter): Promise<SessionFile[]> {
    return findTranscriptSessions(projectPath, claudeTranscriptLayout(environment, CLAUDE_AGENT), reporter);
  }

  listProjects(environment: AgentEnvironment, reporter: ScanReporter, options?: ListProjectsOptions): Promise<ProjectSessions[]> {
    return listTranscriptProjects(claudeTranscriptLayout(environment, CLAUDE_AGENT), reporter, options?.heads);
  }

  parse(file: SessionFile, options?: ParseOptions): Promise<ParsedSession> {
    return parseClaudeSession(file, options);
  }

  targets(projectPath: string, environment: AgentEnvironment, options?: TargetOptions): AgentTarget[] {
    return claudeTargets(projectPath, environment, options);
  }
}
