import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** What a folder's `.git` says about the checkout in it. */
export type GitCheckout =
  /** `.git` is a folder: a repository's main checkout. */
  | { kind: 'repository' }
  /** `.git` is a file naming `<repository>/.git/worktrees/<name>`: a linked worktree of that repository. */
  | { kind: 'worktree'; repository: string }
  /** `.git` is a file for something else (a submodule, a worktree of a bare repository): a project of its own. */
  | { kind: 'other' };

/** How the worktree logic reads git's own files (tests may replace it). */
export interface GitReader {
  /** What `<folder>/.git` says; undefined when the folder or its `.git` is missing. */
  checkoutOf(folder: string): Promise<GitCheckout | undefined>;
  /** The worktree folders a repository's `.git/worktrees/*\/gitdir` files name (also ones whose folder is gone). */
  worktreesOf(repository: string): Promise<string[]>;
}

const GITDIR_LINE = /^gitdir:\s*(.+?)\s*$/m;
/** The folder git keeps a linked worktree's administrative files in: `<common dir>/worktrees/<name>`. */
const WORKTREES_DIR = 'worktrees';

async function readText(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The repository's common git dir for a worktree's gitdir: its `commondir` file (relative to the gitdir, as git
 * writes it, or absolute), else the parent of `worktrees/<name>`. Undefined when the gitdir is not a worktree's.
 */
async function commonDirOf(gitdir: string): Promise<string | undefined> {
  const commondir = (await readText(path.join(gitdir, 'commondir')))?.trim();
  if (commondir) return path.resolve(gitdir, commondir);
  return path.basename(path.dirname(gitdir)) === WORKTREES_DIR ? path.dirname(path.dirname(gitdir)) : undefined;
}

export async function readGitCheckout(folder: string): Promise<GitCheckout | undefined> {
  const dotGit = path.join(folder, '.git');
  let stat;
  try {
    stat = await fs.stat(dotGit);
  } catch {
    return undefined;
  }
  if (stat.isDirectory()) return { kind: 'repository' };
  const gitdirLine = GITDIR_LINE.exec((await readText(dotGit)) ?? '');
  if (!gitdirLine) return { kind: 'other' };
  const gitdir = path.resolve(folder, gitdirLine[1]!);
  const commonDir = await commonDirOf(gitdir);
  // A bare repository (`repo.git`) has no checkout to write rules to; a submodule's gitdir has no common dir.
  if (commonDir === undefined || path.basename(commonDir) !== '.git') return { kind: 'other' };
  return { kind: 'worktree', repository: path.dirname(commonDir) };
}

export async function listedWorktrees(repository: string): Promise<string[]> {
  const adminDir = path.join(repository, '.git', WORKTREES_DIR);
  let names: string[];
  try {
    names = await fs.readdir(adminDir);
  } catch {
    return [];
  }
  const folders: string[] = [];
  for (const name of names.sort()) {
    const gitFile = (await readText(path.join(adminDir, name, 'gitdir')))?.trim();
    // `gitdir` holds the worktree's `.git` file path (absolute since git 2.x; relative with worktree.useRelativePaths).
    if (gitFile) folders.push(path.dirname(path.resolve(adminDir, name, gitFile)));
  }
  return folders;
}

/** The disk, read as git itself would read it. */
export const diskGitReader: GitReader = { checkoutOf: readGitCheckout, worktreesOf: listedWorktrees };
