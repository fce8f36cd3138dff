import { isSameOrInside, normaliseProjectPath } from '../../agents/projectPaths.js';
import type { GitCheckout, GitReader } from './gitCheckout.js';
import { worktreeByConvention, type RecordedCheckout, type WorktreeConvention } from './worktreeConventions.js';

/** A recorded project folder that is (inside) a worktree of another checkout's repository. */
export interface WorktreeLink {
  /** The folder as the logs record it. */
  recorded: string;
  /** The worktree's root folder. */
  checkout: string;
  /** The repository's main checkout. */
  repository: string;
  /** How it was told: git's own files, or the naming convention the recorded path and branch fit. */
  via: 'its .git file' | 'the repository lists it' | WorktreeConvention;
}

/** Links followed at most from a worktree to its repository (a convention match onto another worktree). */
const MAX_LINK_HOPS = 4;

async function gitLinks(recorded: readonly RecordedCheckout[], git: GitReader, kinds: Map<string, GitCheckout | undefined>): Promise<WorktreeLink[]> {
  const links: WorktreeLink[] = [];
  for (const checkout of recorded) {
    const kind = await git.checkoutOf(checkout.path);
    kinds.set(checkout.path, kind);
    if (kind?.kind === 'worktree') links.push({ recorded: checkout.path, checkout: checkout.path, repository: kind.repository, via: 'its .git file' });
  }
  // A worktree folder that is gone (or has no .git) but that its repository's .git/worktrees still lists.
  for (const repository of recorded.filter((c) => kinds.get(c.path)?.kind === 'repository')) {
    for (const worktree of await git.worktreesOf(repository.path)) {
      for (const checkout of recorded) {
        if (kinds.get(checkout.path) !== undefined || !isSameOrInside(worktree, checkout.path)) continue;
        if (links.some((link) => link.recorded === checkout.path)) continue;
        links.push({ recorded: checkout.path, checkout: worktree, repository: repository.path, via: 'the repository lists it' });
      }
    }
  }
  return links;
}

/** Follows a link whose repository is itself a linked worktree, to the main checkout. */
function followToRepository(link: WorktreeLink, byRecorded: Map<string, WorktreeLink>): WorktreeLink {
  let repository = link.repository;
  for (let hop = 0; hop < MAX_LINK_HOPS; hop++) {
    const next = byRecorded.get(normaliseProjectPath(repository));
    if (!next || normaliseProjectPath(next.repository) === normaliseProjectPath(link.recorded)) break;
    repository = next.repository;
  }
  return { ...link, repository };
}

/**
 * The recorded project folders that are worktrees of another checkout, keyed by normalised recorded path. A folder
 * whose `.git` exists is taken at its word (a `.git` folder is a repository, never pooled; a `.git` file names its
 * repository); a folder without one is matched by its repository's `.git/worktrees` list, else by the recorded path
 * and branch (worktreeByConvention: unambiguous matches only).
 */
export async function linkWorktrees(recorded: readonly RecordedCheckout[], git: GitReader): Promise<Map<string, WorktreeLink>> {
  const kinds = new Map<string, GitCheckout | undefined>();
  const links = await gitLinks(recorded, git, kinds);
  const linked = new Set(links.map((link) => link.recorded));
  for (const checkout of recorded) {
    if (kinds.get(checkout.path) !== undefined || linked.has(checkout.path)) continue;
    const match = worktreeByConvention(checkout, recorded);
    if (match) links.push({ recorded: checkout.path, checkout: match.checkout, repository: match.repository, via: match.convention });
  }
  const byRecorded = new Map(links.map((link) => [normaliseProjectPath(link.recorded), link]));
  return new Map(links.map((link) => [normaliseProjectPath(link.recorded), followToRepository(link, byRecorded)]));
}
