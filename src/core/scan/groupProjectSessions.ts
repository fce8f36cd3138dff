import type { AgentEnvironment, AgentPlugin, ListProjectsOptions, ScanReporter, SessionFile, SessionHeadCache } from '../agents/plugin.js';
import type { SavedSessionHeads } from './cache/sessionHeadCache.js';
import { normaliseProjectPath } from '../agents/projectPaths.js';
import { addBranch } from '../agents/recordedBranches.js';
import { diskGitReader, type GitReader } from './worktrees/gitCheckout.js';
import { linkWorktrees, type WorktreeLink } from './worktrees/linkWorktrees.js';

/** One project and, per agent with sessions for it, those session files. */
export interface ProjectSessionGroup {
  /** The project path as the first agent's logs record it (for a repository with worktrees: its main checkout). */
  projectPath: string;
  /** In plugin order; each agent once. */
  agents: Array<{ plugin: AgentPlugin; sessions: SessionFile[] }>;
  /** The git branches the sessions recorded, each once. */
  branches: string[];
  /** The worktrees of this repository whose sessions are pooled with it (their root folders), each once. */
  worktrees: WorktreeLink[];
}

/** Every plugin's projects, one group per recorded folder (paths compared as the scanners compare them). */
async function groupByRecordedFolder(
  plugins: readonly AgentPlugin[],
  environment: AgentEnvironment,
  reporter: ScanReporter,
  signal: AbortSignal | undefined,
  heads: SessionHeadCache | undefined,
): Promise<Map<string, ProjectSessionGroup>> {
  const byKey = new Map<string, ProjectSessionGroup>();
  // Agents whose folders may be one-way hashes of the path go last, told every path found before them.
  const ordered = [...plugins.filter((p) => p.listsProjectsLast !== true), ...plugins.filter((p) => p.listsProjectsLast === true)];
  for (const plugin of ordered) {
    signal?.throwIfAborted();
    if (!(await plugin.detect(environment))) continue;
    const known: ListProjectsOptions | undefined = plugin.listsProjectsLast === true ? { knownProjectPaths: knownPaths(environment, byKey) } : undefined;
    const options = heads ? { ...known, heads } : known;
    for (const project of await plugin.listProjects(environment, reporter, options)) {
      if (project.sessions.length === 0) continue;
      const key = normaliseProjectPath(project.projectPath);
      const group = byKey.get(key) ?? { projectPath: project.projectPath, agents: [], branches: [], worktrees: [] };
      byKey.set(key, group);
      for (const branch of project.branches ?? []) group.branches = addBranch(group.branches, branch);
      addSessions(group, plugin, project.sessions);
    }
  }
  for (const group of byKey.values()) group.agents.sort((a, b) => plugins.indexOf(a.plugin) - plugins.indexOf(b.plugin));
  return byKey;
}

/** The front end's hints, then every project path listed so far. */
function knownPaths(environment: AgentEnvironment, byKey: Map<string, ProjectSessionGroup>): string[] {
  return [...(environment.knownProjectPaths ?? []), ...[...byKey.values()].map((group) => group.projectPath)];
}

function addSessions(group: ProjectSessionGroup, plugin: AgentPlugin, sessions: readonly SessionFile[]): void {
  const entry = group.agents.find((agent) => agent.plugin === plugin);
  if (entry) entry.sessions.push(...sessions);
  else group.agents.push({ plugin, sessions: [...sessions] });
}

/** Moves each worktree's group into its repository's (made when the repository has no sessions of its own). */
function poolWorktrees(byKey: Map<string, ProjectSessionGroup>, links: Map<string, WorktreeLink>): void {
  for (const [key, link] of links) {
    const worktree = byKey.get(key);
    if (!worktree) continue;
    const repositoryKey = normaliseProjectPath(link.repository);
    const repository = byKey.get(repositoryKey) ?? { projectPath: link.repository, agents: [], branches: [], worktrees: [] };
    byKey.set(repositoryKey, repository);
    byKey.delete(key);
    for (const { plugin, sessions } of worktree.agents) addSessions(repository, plugin, sessions);
    for (const branch of worktree.branches) repository.branches = addBranch(repository.branches, branch);
    const checkoutKey = normaliseProjectPath(link.checkout);
    if (!repository.worktrees.some((w) => normaliseProjectPath(w.checkout) === checkoutKey)) repository.worktrees.push(link);
  }
}

/**
 * Every project any detected plugin has sessions for, each once: the agents record the same folder in different
 * spellings (trailing slash, case on Windows, `\` or `/`), so paths are compared as the scanners compare them.
 * A project is a repository: the sessions recorded in its git worktrees join it (linkWorktrees). Sorted by path.
 * Projects listed with no sessions are left out (nothing to learn from them). `heads`: what earlier listings read
 * from the logs' heads (ListProjectsOptions.heads), given to each plugin and saved once the listing is done.
 */
export async function groupProjectSessions(
  plugins: readonly AgentPlugin[],
  environment: AgentEnvironment,
  reporter: ScanReporter,
  signal?: AbortSignal,
  git: GitReader = diskGitReader,
  heads?: SavedSessionHeads,
): Promise<ProjectSessionGroup[]> {
  const byKey = await groupByRecordedFolder(plugins, environment, reporter, signal, heads);
  await heads?.save();
  const links = await linkWorktrees(
    [...byKey.values()].map((group) => ({ path: group.projectPath, branches: group.branches })),
    git,
  );
  poolWorktrees(byKey, links);
  for (const group of byKey.values()) group.worktrees.sort((a, b) => a.checkout.localeCompare(b.checkout));
  return [...byKey.values()].sort((a, b) => a.projectPath.localeCompare(b.projectPath));
}
