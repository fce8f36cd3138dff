import type { AgentEnvironment, AgentPlugin, ScanReporter } from '../agents/plugin.js';
import type { SavedSessionHeads } from '../scan/cache/sessionHeadCache.js';
import { groupProjectSessions } from '../scan/groupProjectSessions.js';

export interface LearnProjectEntry {
  /** The project path as the first agent's logs record it. */
  projectPath: string;
  /** Registry keys of the agents with sessions for it. */
  agents: string[];
  /** The root folders of its git worktrees whose sessions are pooled with it (absent when none). */
  worktrees?: string[];
}

/**
 * Learn All Projects (`--all`, the extension's command, the plugin API's prescan): every project any of the
 * plugins has sessions for, each once (paths compared as the scanners compare them; a repository's worktrees
 * are part of it, not projects of their own), sorted by path. Lists only; the sessions are read per project later.
 */
/** Every checkout whose sessions are learned with a listed project: the project, then its worktrees (FindFindingsOptions.checkouts). */
export function checkoutsOf(entry: LearnProjectEntry): string[] {
  return [entry.projectPath, ...(entry.worktrees ?? [])];
}

export async function listLearnProjects(
  plugins: readonly AgentPlugin[],
  environment: AgentEnvironment,
  reporter: ScanReporter,
  signal?: AbortSignal,
  heads?: SavedSessionHeads,
): Promise<LearnProjectEntry[]> {
  const groups = await groupProjectSessions(plugins, environment, reporter, signal, undefined, heads);
  return groups.map((group) => ({
    projectPath: group.projectPath,
    // Two plugins may share a name (an agent pre-scanned per project in the extension host): list it once.
    agents: [...new Set(group.agents.map((agent) => agent.plugin.name))],
    ...(group.worktrees.length > 0 ? { worktrees: group.worktrees.map((w) => w.checkout) } : {}),
  }));
}
