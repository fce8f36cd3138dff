import * as path from 'node:path';
import type { AgentEnvironment, AgentTarget, TargetOptions } from '../plugin.js';
import { claudeProjectsDir } from './claudeRoot.js';
import { encodeClaudeProjectPath } from './encodeClaudeProjectPath.js';

/** Claude Code loads only the first 200 lines of its auto-memory MEMORY.md. */
const CLAUDE_MEMORY_READ_LIMIT_LINES = 200;

/**
 * The files Claude Code reads at start-up for a project: CLAUDE.md at the project
 * root, and MEMORY.md, by default in Claude's auto-memory folder
 * `<claude root>/projects/<encoded project path>/memory/` (memoryFile 'project':
 * `<project>/MEMORY.md`).
 */
export function claudeTargets(projectPath: string, environment: AgentEnvironment, options: TargetOptions = {}): AgentTarget[] {
  const context: AgentTarget = { kind: 'context', path: path.join(projectPath, 'CLAUDE.md'), scope: 'project' };
  const memory: AgentTarget =
    options.memoryFile === 'project'
      ? { kind: 'memory', path: path.join(projectPath, 'MEMORY.md'), scope: 'project' }
      : {
          kind: 'memory',
          path: path.join(claudeProjectsDir(environment), encodeClaudeProjectPath(projectPath), 'memory', 'MEMORY.md'),
          scope: 'project',
          readLimitLines: CLAUDE_MEMORY_READ_LIMIT_LINES,
          root: path.dirname(claudeProjectsDir(environment)),
        };
  return [context, memory];
}
