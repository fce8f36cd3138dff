import type { AgentEnvironment, AgentPlugin, ScanReporter } from '../agents/plugin.js';
import { normaliseProjectPath } from '../agents/projectPaths.js';

export interface LearnProjectEntry {
  /** The project path as the first agent's logs record it. */
  projectPath: string;
  /** Registry keys of the agents with sessions for it. */
  agents: string[];
}

/**
 * `--all`: every project any of the plugins has sessions for, each once (paths compared as the
 * scanners compare them), sorted by path. Lists only; the sessions are read per project later.
 */
export async function listLearnProjects(plugins: readonly AgentPlugin[], environment: AgentEnvironment, reporter: ScanReporter): Promise<LearnProjectEntry[]> {
  const byKey = new Map<string, LearnProjectEntry>();
  for (const plugin of plugins) {
    if (!(await plugin.detect(environment))) continue;
    for (const project of await plugin.listProjects(environment, reporter)) {
      if (project.sessions.length === 0) continue;
      const key = normaliseProjectPath(project.projectPath);
      const entry = byKey.get(key) ?? { projectPath: project.projectPath, agents: [] };
      if (!entry.agents.includes(plugin.name)) entry.agents.push(plugin.name);
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()].sort((a, b) => a.projectPath.localeCompare(b.projectPath));
}
