import * as fs from 'node:fs';
import * as path from 'node:path';
import { countLinesSync } from '../fs/countLines.js';
import { resolveAgainst } from './samePath.js';

/** What the findings need to know about the project as it is now (so tests can fake it). */
export interface ProjectFiles {
  /** Absolute project root. */
  readonly root: string;
  /** Whether a project-relative or absolute path exists now. */
  exists(p: string): boolean;
  /** Number of lines of a file, when it exists and is a readable file. */
  lineCount(p: string): number | undefined;
}

/** A path as the rules show it: relative to the project root when inside it, else absolute. */
export function projectRelative(p: string, root: string, cwd?: string): string {
  const absolute = resolveAgainst(p, cwd ?? root);
  const base = root.replace(/\\/g, '/').replace(/\/$/, '');
  if (absolute === base) return '.';
  if (absolute.startsWith(`${base}/`)) return absolute.slice(base.length + 1);
  return absolute;
}

function absoluteIn(root: string, p: string): string {
  return path.isAbsolute(p) ? p : path.join(root, p);
}

/** The real project on disk. */
export function diskProjectFiles(root: string): ProjectFiles {
  return {
    root,
    exists: (p) => fs.existsSync(absoluteIn(root, p)),
    // Streams in bounded memory; a FIFO or a device (/dev/zero) is never read.
    lineCount: (p) => countLinesSync(absoluteIn(root, p)),
  };
}
