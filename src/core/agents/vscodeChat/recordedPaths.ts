import { uriToPath } from './uriToPath.js';

/** Most values visited in one session while looking for paths (a session of many requests stays cheap). */
const MAX_VISITED = 200_000;

/**
 * The absolute file paths a chat session records: file URIs as VS Code serialises them (`{scheme:'file', path}` or
 * `{$mid, fsPath}`, and `file://` strings: references, edited files, a terminal's `cwd`). A session of a window with no
 * folder has no workspace.json; these are how it is matched to a project.
 */
export function recordedPaths(session: unknown): string[] {
  const found = new Set<string>();
  const stack: unknown[] = [session];
  let visited = 0;
  while (stack.length > 0 && visited < MAX_VISITED) {
    const value = stack.pop();
    visited += 1;
    if (typeof value === 'string') {
      if (value.startsWith('file://')) {
        const p = uriToPath(value);
        if (p) found.add(p);
      }
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      stack.push(...value);
      continue;
    }
    const record = value as Record<string, unknown>;
    if (record.scheme === 'file') {
      const p = typeof record.fsPath === 'string' ? record.fsPath : typeof record.path === 'string' ? uriComponentPath(record.path) : undefined;
      if (p) found.add(p);
    }
    stack.push(...Object.values(record));
  }
  return [...found];
}

/** The `path` of serialised URI components: posix as is, `/c:/x` as a Windows path. */
function uriComponentPath(componentPath: string): string | undefined {
  if (componentPath === '') return undefined;
  return /^\/[A-Za-z]:(\/|$)/.test(componentPath) ? componentPath.slice(1).replace(/\//g, '\\') : componentPath;
}
