import type { AgentPlugin } from './plugin.js';

/** "Claude Code, Codex CLI, … or Cursor": the agents a run read, in the registry's order. */
export function agentList(plugins: readonly Pick<AgentPlugin, 'displayName'>[]): string {
  const names = plugins.map((p) => p.displayName);
  return names.length <= 1 ? (names[0] ?? 'any agent') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/** Where to look when nothing was found: every agent has its own folders and variables, too many for one line. */
export const WHERE_SESSIONS_ARE_READ = "Where each agent's sessions are read from: the agent table in the README, and the variables in headroom-learn --help.";
