import type { AgentEnvironment, AgentPlugin, ScanReporter, SessionFile } from '../agents/plugin.js';
import { normaliseProjectPath } from '../agents/projectPaths.js';

/** One project and, per agent with sessions for it, those session files. */
export interface ProjectSessionGroup {
  /** The project path as the first agent's logs record it. */
  projectPath: string;
  /** In plugin order; each agent once. */
  agents: Array<{ plugin: AgentPlugin; sessions: SessionFile[] }>;
}

/**
 * Every project any detected plugin has sessions for, each once: the agents record the same folder in different
 * spellings (trailing slash, case on Windows, `\` or `/`), so paths are compared as the scanners compare them.
 * Sorted by path. Projects listed with no sessions are left out (nothing to learn from them).
 */
export async function groupProjectSessions(
  plugins: readonly AgentPlugin[],
  environment: AgentEnvironment,
  reporter: ScanReporter,
  signal?: AbortSignal,
): Promise<ProjectSessionGroup[]> {
  const byKey = new Map<string, ProjectSessionGroup>();
  for (const plugin of plugins) {
    signal?.throwIfAborted();
    if (!(await plugin.detect(environment))) continue;
    for (const project of await plugin.listProjects(environment, reporter)) {
      if (project.sessions.length === 0) continue;
      const key = normaliseProjectPath(project.projectPath);
      const group = byKey.get(key) ?? { projectPath: project.projectPath, agents: [] };
      byKey.set(key, group);
      const entry = group.agents.find((agent) => agent.plugin === plugin);
      if (entry) entry.sessions.push(...project.sessions);
      else group.agents.push({ plugin, sessions: [...project.sessions] });
    }
  }
  return [...byKey.values()].sort((a, b) => a.projectPath.localeCompare(b.projectPath));
}
