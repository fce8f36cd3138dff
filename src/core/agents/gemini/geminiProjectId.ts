import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { isWindowsPath } from '../projectPaths.js';

/**
 * Gemini CLI ≤ 0.28 names a project's folder `tmp/<sha256 hex of the project root>`,
 * hashing the exact string of `process.cwd()` at launch (not resolved, no trailing slash).
 * The `projectHash` field inside every session file is this same hash in all versions.
 */
function geminiProjectHash(projectRoot: string): string {
  return createHash('sha256').update(projectRoot).digest('hex');
}

export function isGeminiProjectHash(name: string): boolean {
  return /^[0-9a-f]{64}$/.test(name);
}

/**
 * The hash folder names a project path can have: the path as given, and as Gemini would
 * have seen it as `process.cwd()` (resolved, without a trailing separator). Hashes are
 * exact, so these are computed candidates, confirmed only by the folder existing.
 */
export function geminiProjectHashCandidates(projectPath: string): string[] {
  const forms = new Set<string>([projectPath]);
  if (isWindowsPath(projectPath)) {
    const normal = path.win32.normalize(projectPath);
    forms.add(/^[A-Za-z]:\\$/.test(normal) ? normal : normal.replace(/\\+$/, ''));
  } else {
    forms.add(path.posix.resolve(projectPath));
  }
  return [...forms].map(geminiProjectHash);
}
