import type { AgentEnvironment, AgentPlugin, ScanReporter } from '../agents/plugin.js';
import { groupProjectSessions } from '../scan/groupProjectSessions.js';

export interface LearnProjectEntry {
  /** The project path as the first agent's logs record it. */
  projectPath: string;
  /** Registry keys of the agents with sessions for it. */
  agents: string[];
}

/**
 * Learn All Projects (`--all`, the extension's command, the plugin API's prescan): every project any of the
 * plugins has sessions for, each once (paths compared as the scanners compare them), sorted by path. Lists
 * only; the sessions are read per project later.
 */
export async function listLearnProjects(
  plugins: readonly AgentPlugin[],
  environment: AgentEnvironment,
  reporter: ScanReporter,
  signal?: AbortSignal,
): Promise<LearnProjectEntry[]> {
  const groups = await groupProjectSessions(plugins, environment, reporter, signal);
  return groups.map((group) => ({
    projectPath: group.projectPath,
    // Two plugins may share a name (an agent pre-scanned per project in the extension host): list it once.
    agents: [...new Set(group.agents.map((agent) => agent.plugin.name))],
  }));
}
