/** A search scope ("path", "path (filters)") split into its path and its filter text ('' when none). */
export function splitScope(scope: string): { path: string; filters: string } | undefined {
  const match = /^(\S+)( \(.*\))?$/.exec(scope);
  return match ? { path: match[1], filters: match[2] ?? '' } : undefined;
}

/** `inner` is strictly inside `outer` (whole segments; the project root `.` holds every relative path). */
export function isInsideFolder(inner: string, outer: string): boolean {
  if (inner === outer) return false;
  return outer === '.' ? !inner.startsWith('/') && !inner.startsWith('..') : inner.startsWith(`${outer}/`);
}
