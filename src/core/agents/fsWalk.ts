import { promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { notRegularCause } from '../logs/regularFile.js';
import type { ScanReporter } from './plugin.js';

/** Lists a folder; a missing folder is empty, an unreadable one is reported and treated as empty. */
export async function listDir(dir: string, reporter: ScanReporter): Promise<Dirent[]> {
  try {
    return await fs.readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    reporter.warn(`Cannot read folder ${dir}: ${describeFsError(error)}; skipped.`);
    return [];
  }
}

export async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/** Walks a tree and returns the files whose name matches, depth-limited, unreadable folders reported. */
export async function findFiles(
  root: string,
  accept: (name: string, fullPath: string) => boolean,
  reporter: ScanReporter,
  maxDepth = 8,
): Promise<string[]> {
  const found: string[] = [];
  const visit = async (dir: string, depth: number): Promise<void> => {
    for (const entry of await listDir(dir, reporter)) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth < maxDepth) await visit(full, depth + 1);
      } else if (entry.isFile() && accept(entry.name, full)) {
        found.push(full);
      }
    }
  };
  await visit(root, 0);
  return found.sort();
}

export function describeFsError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'not found';
    case 'EISDIR':
      return 'is a folder';
    case 'ENOTREG':
      return `is ${notRegularCause(error)?.kind ?? 'not a regular file'}`;
    default:
      return e?.message ?? String(error);
  }
}
