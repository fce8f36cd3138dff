import type { AgentEnvironment, AgentPlugin, ScanReporter, SessionFile } from '../agents/plugin.js';
import type { SavedSessionHeads } from './cache/sessionHeadCache.js';
import { sameProjectPath } from '../agents/projectPaths.js';
import { groupProjectSessions } from './groupProjectSessions.js';
import type { GitReader } from './worktrees/gitCheckout.js';
import type { WorktreeLink } from './worktrees/linkWorktrees.js';

/** The checkouts whose sessions are learned together for one project folder. */
export interface ProjectCheckouts {
  /** The folder learned: rules are written to its files, and paths are made relative to it. */
  root: string;
  /** Every checkout of its repository that has sessions: the main checkout first, then its worktrees (root included). */
  checkouts: string[];
  /** The worktrees pooled with the repository, as listed (empty when the project has none). */
  worktrees: WorktreeLink[];
}

/**
 * The repository `projectPath` is a checkout of, and its worktrees with sessions (groupProjectSessions). A folder
 * that is neither a known repository nor a known worktree is learned alone. `heads`: as for groupProjectSessions.
 */
export async function projectCheckouts(
  plugins: readonly AgentPlugin[],
  projectPath: string,
  environment: AgentEnvironment,
  options: { signal?: AbortSignal; git?: GitReader; heads?: SavedSessionHeads } = {},
): Promise<ProjectCheckouts> {
  // A look-up: what the listing meets (other projects' unreadable or unattributed files) is not this project's news;
  // reading this project's sessions reports its own.
  const groups = await groupProjectSessions(plugins, environment, { warn: () => undefined }, options.signal, options.git, options.heads);
  const group = groups.find(
    (g) => sameProjectPath(g.projectPath, projectPath) || g.worktrees.some((w) => sameProjectPath(w.checkout, projectPath) || sameProjectPath(w.recorded, projectPath)),
  );
  if (!group || group.worktrees.length === 0) return { root: projectPath, checkouts: [projectPath], worktrees: [] };
  return { root: projectPath, checkouts: [group.projectPath, ...group.worktrees.map((w) => w.checkout)], worktrees: group.worktrees };
}

/** One plugin's session files for every checkout, each file once (a repository's search may already find a worktree's). */
export async function findCheckoutSessions(
  plugin: AgentPlugin,
  checkouts: readonly string[],
  environment: AgentEnvironment,
  reporter: ScanReporter,
): Promise<SessionFile[]> {
  const files = new Map<string, SessionFile>();
  for (const checkout of checkouts) {
    for (const file of await plugin.findSessions(checkout, environment, reporter)) if (!files.has(file.path)) files.set(file.path, file);
  }
  return [...files.values()];
}
