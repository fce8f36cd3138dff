import * as path from 'node:path';
import type { AgentEnvironment } from '../plugin.js';
import type { TranscriptLayout } from '../claude/transcriptLayout.js';

export const CODEBUDDY_AGENT = 'codebuddy';

/**
 * CodeBuddy Code's data folder: `$CODEBUDDY_CONFIG_DIR`, else `<home>/.codebuddy` (PathUtils.getHomeDir in the
 * CLI bundle `cli/dist/codebuddy-headless.js` of the npm package @tencent-ai/agent-sdk 0.3.201, CLI 2.117.0).
 */
export function codebuddyRoot(environment: AgentEnvironment): string {
  const configured = environment.env.CODEBUDDY_CONFIG_DIR;
  return configured !== undefined && configured.trim() !== '' ? configured : path.join(environment.home, '.codebuddy');
}

export function codebuddyProjectsDir(environment: AgentEnvironment): string {
  return path.join(codebuddyRoot(environment), 'projects');
}

/**
 * The folder name CodeBuddy Code gives a project under `projects/` (PathUtils.compressPath, same bundle):
 * `/`, `\` and `:` become `-`, dashes at both ends are dropped and runs of dashes become one.
 * `/Users/me/shop` → `Users-me-shop`, `C:\git\x` → `C-git-x`. Lossy, so only ever computed forward.
 */
export function codebuddyProjectFolderName(projectPath: string): string {
  return projectPath.replace(/[/\\:]/g, '-').replace(/^-+/, '').replace(/-+$/, '').replace(/-+/g, '-');
}

/** Same layout as Claude Code: `<projects>/<folder>/<session>.jsonl`, `<session>/subagents/agent-*.jsonl`. */
export function codebuddyTranscriptLayout(environment: AgentEnvironment): TranscriptLayout {
  return {
    agent: CODEBUDDY_AGENT,
    projectsDir: codebuddyProjectsDir(environment),
    matchesFolder: (folderName, projectPath) => {
      const expected = codebuddyProjectFolderName(projectPath);
      // Drive letters and folder names are case-insensitive on Windows.
      return /^[A-Za-z]:[\\/]/.test(projectPath) ? folderName.toLowerCase() === expected.toLowerCase() : folderName === expected;
    },
  };
}
