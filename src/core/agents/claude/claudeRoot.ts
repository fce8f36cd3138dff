import * as path from 'node:path';
import type { AgentEnvironment } from '../plugin.js';

/** Claude Code's data folder: `$CLAUDE_CONFIG_DIR`, else `<home>/.claude`. */
function claudeRoot(environment: AgentEnvironment): string {
  const configured = environment.env.CLAUDE_CONFIG_DIR;
  return configured !== undefined && configured.trim() !== '' ? configured : path.join(environment.home, '.claude');
}

/** Where the transcripts live: one folder per project, named by encodeClaudeProjectPath. */
export function claudeProjectsDir(environment: AgentEnvironment): string {
  return path.join(claudeRoot(environment), 'projects');
}
