import * as path from 'node:path';

/** A path written by a Windows agent: `C:\...` or `C:/...` or a UNC path. */
export function isWindowsPath(p: string): boolean {
  return /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
}

/**
 * Canonical form for comparing project paths recorded by agents: resolved,
 * no trailing separator; Windows paths keep their own rules (backslashes,
 * case-insensitive), so a log from Windows compares right on any machine.
 */
export function normaliseProjectPath(p: string): string {
  if (isWindowsPath(p)) {
    const withBackslashes = path.win32.normalize(p).replace(/[\\]+$/, '');
    return (withBackslashes.length === 2 ? `${withBackslashes}\\` : withBackslashes).toLowerCase();
  }
  const resolved = path.posix.resolve(p);
  return resolved.length > 1 ? resolved.replace(/\/+$/, '') : resolved;
}

export function sameProjectPath(a: string, b: string): boolean {
  return normaliseProjectPath(a) === normaliseProjectPath(b);
}

/** True when `inner` is `outer` itself or lies inside it. */
export function isSameOrInside(outer: string, inner: string): boolean {
  const o = normaliseProjectPath(outer);
  const i = normaliseProjectPath(inner);
  if (o === i) return true;
  const sep = isWindowsPath(outer) ? '\\' : '/';
  return i.startsWith(o.endsWith(sep) ? o : o + sep);
}
