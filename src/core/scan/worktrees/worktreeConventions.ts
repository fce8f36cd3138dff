import * as path from 'node:path';
import { normaliseProjectPath } from '../../agents/projectPaths.js';

/** A project as the logs record it: its folder and the git branches its sessions were on. */
export interface RecordedCheckout {
  path: string;
  branches: readonly string[];
}

/** Which naming convention tied a recorded folder to its repository. */
export type WorktreeConvention =
  /** `<repo>/.worktrees/<name>`, Claude Code's `<repo>/.claude/worktrees/<name>`. */
  | 'worktrees folder inside the repository'
  /** `<repo>.worktrees/<name>` (`git worktree add ../agentv.worktrees/<branch>`), `<repo>__worktrees/…`, `<repo>-worktrees/…`. */
  | 'worktrees folder beside the repository'
  /** `<parent>/…/<repo>-<branch>`, on a branch its sessions recorded (`~/Projects/wt/external-agents-code-review`). */
  | 'named after the repository and its branch'
  /** `<parent>/<branch>` beside `<parent>/<repo>`, on a branch both recorded (`wks/gtrrz-victor/improve-status-cmd-output`). */
  | 'named after a branch of the repository';

export interface ConventionMatch {
  repository: string;
  /** The worktree's root folder (the recorded folder, or the folder above it that the convention names). */
  checkout: string;
  convention: WorktreeConvention;
}

/** Folders inside a repository that worktrees are kept in. */
const INSIDE_WORKTREE_FOLDERS = ['.worktrees', '.claude/worktrees'];
/** Suffixes of the folder beside a repository that its worktrees are kept in. */
const BESIDE_WORKTREE_SUFFIXES = ['.worktrees', '__worktrees', '-worktrees'];
/** What git records as the branch of a detached HEAD: names no branch. */
const DETACHED_HEAD = 'HEAD';

/** Forward slashes, no trailing one: recorded paths compared as text. */
function slashed(p: string): string {
  return normaliseProjectPath(p).replace(/\\/g, '/');
}

function namedBranches(checkout: RecordedCheckout): string[] {
  return checkout.branches.filter((branch) => branch !== DETACHED_HEAD && branch.trim() !== '');
}

/** `rest` below a worktrees folder: the worktree is the recorded branch it starts with (`feat/x`), else its first folder. */
function worktreeName(rest: string, branches: readonly string[]): string {
  const branch = branches.find((b) => rest === b || rest.startsWith(`${b}/`));
  return branch ?? rest.split('/')[0]!;
}

/** `<base>/<rest>` when `p` lies below `base`. */
function below(p: string, base: string): string | undefined {
  return p.startsWith(`${base}/`) && p.length > base.length + 1 ? p.slice(base.length + 1) : undefined;
}

function inWorktreesFolder(p: string, repository: string, branches: readonly string[]): ConventionMatch | undefined {
  const folders: Array<[string, WorktreeConvention]> = [
    ...INSIDE_WORKTREE_FOLDERS.map((f): [string, WorktreeConvention] => [`${repository}/${f}`, 'worktrees folder inside the repository']),
    ...BESIDE_WORKTREE_SUFFIXES.map((s): [string, WorktreeConvention] => [`${repository}${s}`, 'worktrees folder beside the repository']),
  ];
  for (const [folder, convention] of folders) {
    const rest = below(p, folder);
    if (rest !== undefined) return { repository, checkout: `${folder}/${worktreeName(rest, branches)}`, convention };
  }
  return undefined;
}

function namedAfterBranch(p: string, repository: RecordedCheckout, branches: readonly string[]): ConventionMatch | undefined {
  const repoPath = slashed(repository.path);
  const parent = path.posix.dirname(repoPath);
  const repoName = path.posix.basename(repoPath);
  for (const branch of branches) {
    if (path.posix.basename(p) === `${repoName}-${branch.replace(/\//g, '-')}` && below(p, parent) !== undefined) {
      return { repository: repository.path, checkout: p, convention: 'named after the repository and its branch' };
    }
    if (p === `${parent}/${branch}` && namedBranches(repository).includes(branch)) {
      return { repository: repository.path, checkout: p, convention: 'named after a branch of the repository' };
    }
  }
  return undefined;
}

/**
 * The repository a recorded folder without a `.git` of its own (gone, or recreated without it) is a worktree of,
 * by the path and branch its sessions recorded: only when exactly one of the known projects fits one of the
 * conventions above. Two independent clones never fit (neither is inside or named after the other, and a
 * folder named like a branch needs that branch recorded by the repository too).
 */
export function worktreeByConvention(checkout: RecordedCheckout, projects: readonly RecordedCheckout[]): ConventionMatch | undefined {
  const p = slashed(checkout.path);
  const branches = namedBranches(checkout);
  const matches: ConventionMatch[] = [];
  for (const project of projects) {
    const repoPath = slashed(project.path);
    if (repoPath === p) continue;
    const match = inWorktreesFolder(p, repoPath, branches) ?? namedAfterBranch(p, project, branches);
    if (match) matches.push({ ...match, repository: project.path });
  }
  return matches.length === 1 ? matches[0] : undefined;
}
