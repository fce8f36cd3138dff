import * as path from 'node:path';

/** Absolute form of a path as the agent meant it: relative paths are taken from the session's cwd. */
export function resolveAgainst(p: string, cwd: string | undefined): string {
  const posix = p.replace(/\\/g, '/');
  if (path.posix.isAbsolute(posix) || /^[A-Za-z]:\//.test(posix)) return path.posix.normalize(posix).replace(/\/$/, '') || '/';
  if (!cwd) return path.posix.normalize(posix).replace(/\/$/, '');
  return path.posix.join(cwd.replace(/\\/g, '/'), posix).replace(/\/$/, '');
}

export function samePath(a: string, b: string, cwd: string | undefined): boolean {
  return resolveAgainst(a, cwd) === resolveAgainst(b, cwd);
}
