import * as path from 'node:path';
import type { AgentEnvironment, AgentTarget, TargetOptions } from '../plugin.js';
import { claudeMemoryFolder } from './claudeMemoryFolder.js';

/** Claude Code loads only the first 200 lines of its auto-memory MEMORY.md. */
const CLAUDE_MEMORY_READ_LIMIT_LINES = 200;

/**
 * The files Claude Code reads at start-up for a project: CLAUDE.md at the project
 * root, and MEMORY.md, by default in Claude's auto-memory folder (claudeMemoryFolder:
 * `autoMemoryDirectory`, `CLAUDE_CODE_PROJECT_DIR_NAME`, else
 * `<claude root>/projects/<project folder>/memory/`); memoryFile 'project': `<project>/MEMORY.md`.
 */
export function claudeTargets(projectPath: string, environment: AgentEnvironment, options: TargetOptions = {}): AgentTarget[] {
  const context: AgentTarget = { kind: 'context', path: path.join(projectPath, 'CLAUDE.md'), scope: 'project' };
  if (options.memoryFile === 'project') {
    return [context, { kind: 'memory', path: path.join(projectPath, 'MEMORY.md'), scope: 'project' }];
  }
  const memory = claudeMemoryFolder(projectPath, environment);
  return [
    context,
    {
      kind: 'memory',
      path: path.join(memory.folder, 'MEMORY.md'),
      scope: 'project',
      readLimitLines: CLAUDE_MEMORY_READ_LIMIT_LINES,
      root: memory.root,
    },
  ];
}
