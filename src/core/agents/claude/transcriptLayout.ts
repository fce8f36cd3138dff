import type { AgentEnvironment } from '../plugin.js';
import { claudeProjectDirNameOverride, claudeProjectsDir } from './claudeRoot.js';
import { matchesClaudeProjectFolder } from './encodeClaudeProjectPath.js';

/**
 * Where an agent that stores sessions the way Claude Code does keeps them: one folder per project under
 * `projectsDir`, named from the project path, holding `<session>.jsonl` and `<session>/subagents/…`, with the
 * working folder recorded as `cwd` in the records. Claude Code and CodeBuddy Code share this layout; only the
 * folder naming and the record format differ.
 */
export interface TranscriptLayout {
  agent: string;
  projectsDir: string;
  /** True when the folder may hold sessions of the project; only a candidate, the records' `cwd` decides. */
  matchesFolder(folderName: string, projectPath: string): boolean;
}

/** Claude Code's layout: the encoded path, or the folder `CLAUDE_CODE_PROJECT_DIR_NAME` names. */
export function claudeTranscriptLayout(environment: AgentEnvironment, agent: string): TranscriptLayout {
  const override = claudeProjectDirNameOverride(environment);
  return {
    agent,
    projectsDir: claudeProjectsDir(environment),
    matchesFolder: (folderName, projectPath) => folderName === override || matchesClaudeProjectFolder(folderName, projectPath),
  };
}
