import * as path from 'node:path';
import type { AgentEnvironment } from '../plugin.js';

/** Claude Code's data folder: `$CLAUDE_CONFIG_DIR`, else `<home>/.claude`. */
export function claudeRoot(environment: AgentEnvironment): string {
  const configured = environment.env.CLAUDE_CONFIG_DIR;
  return configured !== undefined && configured.trim() !== '' ? configured : path.join(environment.home, '.claude');
}

/** Where the transcripts live: one folder per project, named by encodeClaudeProjectPath. */
export function claudeProjectsDir(environment: AgentEnvironment): string {
  return path.join(claudeRoot(environment), 'projects');
}

/**
 * `CLAUDE_CODE_PROJECT_DIR_NAME` (Claude Code 2.1.234+): the name of the project's folder under `projects/`,
 * for its transcripts and its auto memory, in place of the encoded path. Claude Code honours it only when
 * `CLAUDE_CONFIG_DIR` is set too (research: claude-code changelog as quoted by session-kit 0.4.2 and noblivion's
 * configuration docs, found with the code search). A value that is not one plain folder name is ignored.
 */
export function claudeProjectDirNameOverride(environment: AgentEnvironment): string | undefined {
  const configDir = environment.env.CLAUDE_CONFIG_DIR;
  const name = environment.env.CLAUDE_CODE_PROJECT_DIR_NAME?.trim();
  if (configDir === undefined || configDir.trim() === '' || name === undefined || !isPlainFolderName(name)) return undefined;
  return name;
}

/** One folder name directly under a folder, nothing that climbs out of it. */
function isPlainFolderName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[\\/]/.test(name);
}
