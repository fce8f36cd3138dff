import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { AgentTarget } from '../plugin.js';

/**
 * The file Grok Build reads at start-up for a project: `GROK.md` at its root, or `AGENTS.md` when the project
 * has that and no GROK.md (so Grok's rules join the section the Codex plugin plans there, once). Grok has no
 * separate memory file of ours to write, so both kinds of rules go to that one file.
 */
export function grokTargets(projectPath: string): AgentTarget[] {
  const grok = path.join(projectPath, 'GROK.md');
  const agents = path.join(projectPath, 'AGENTS.md');
  const file = !existsSync(grok) && existsSync(agents) ? agents : grok;
  return [
    { kind: 'context', path: file, scope: 'project' },
    { kind: 'memory', path: file, scope: 'project' },
  ];
}
