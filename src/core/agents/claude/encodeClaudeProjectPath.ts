import { isWindowsPath } from '../projectPaths.js';

/**
 * How Claude Code names the folder of a project under `<claude root>/projects/`.
 *
 * Every UTF-16 code unit outside A-Z, a-z, 0-9 becomes '-' (so a character outside
 * the BMP gives two dashes). A result longer than 200 units is cut to 200 and
 * suffixed with '-' and a hash of the ORIGINAL path: the 32-bit string hash
 * `h = (h << 5) - h + charCode | 0` over UTF-16 code units, then base 36 of its
 * absolute value. That function was read out of the shipped CLI bundle by several
 * projects independently (anthropics/claude-code#19742 follow-ups;
 * heiervang-technologies/unleash#237 against 2.1.154, Michaelliv/claude-quest#15
 * against 2.1.139, Digital-Process-Tools/claude-remember#157, the Agent SDK 0.3.270).
 *
 * Claude Code 2.1.224 changed how long paths are disambiguated (its changelog:
 * "long (>200 char) project paths resolving to another project's session
 * directory"), and the new suffix is not public. So the hash is only our best
 * guess at the name; `matchesClaudeProjectFolder` accepts any suffix after the
 * 200-unit prefix, and the records' `cwd` decides (never the folder name).
 */

const CLAUDE_FOLDER_NAME_MAX = 200;

/** The folder name before the length rule: every non-alphanumeric code unit → '-'. */
function sanitizeClaudeProjectPath(projectPath: string): string {
  // No `u` flag: the regex walks UTF-16 code units, as Claude Code's does.
  return trimTrailingSeparators(projectPath).replace(/[^A-Za-z0-9]/g, '-');
}

/** Claude Code's 32-bit string hash of the path, in base 36. */
export function claudePathHash(projectPath: string): string {
  let hash = 0;
  for (let i = 0; i < projectPath.length; i++) {
    hash = ((hash << 5) - hash + projectPath.charCodeAt(i)) | 0;
  }
  return Math.abs(hash).toString(36);
}

/** The folder name Claude Code (up to 2.1.223) gives the project at `projectPath`. */
export function encodeClaudeProjectPath(projectPath: string): string {
  const trimmed = trimTrailingSeparators(projectPath);
  const sanitized = sanitizeClaudeProjectPath(trimmed);
  if (sanitized.length <= CLAUDE_FOLDER_NAME_MAX) return sanitized;
  return `${sanitized.slice(0, CLAUDE_FOLDER_NAME_MAX)}-${claudePathHash(trimmed)}`;
}

/**
 * True when a folder under `projects/` may hold sessions of `projectPath`:
 * its name is the encoded path, or, for a path whose name was cut, the 200-unit
 * prefix followed by '-' and any suffix. Windows drive letters and folder names
 * are case-insensitive (`C--git-x` and `c--git-x` are the same project). A match
 * is only a candidate: the sessions' recorded `cwd` confirms it.
 */
export function matchesClaudeProjectFolder(folderName: string, projectPath: string): boolean {
  const fold = isWindowsPath(projectPath) ? (s: string) => s.toLowerCase() : (s: string) => s;
  const sanitized = fold(sanitizeClaudeProjectPath(projectPath));
  const name = fold(folderName);
  if (sanitized.length <= CLAUDE_FOLDER_NAME_MAX) return name === sanitized;
  const prefix = `${sanitized.slice(0, CLAUDE_FOLDER_NAME_MAX)}-`;
  return name.length > prefix.length && name.startsWith(prefix);
}

/** `/a/b/` → `/a/b`, `C:\x\` → `C:\x`; a root (`/`, `C:\`) stays as it is. */
function trimTrailingSeparators(projectPath: string): string {
  if (projectPath === '/' || /^[A-Za-z]:[\\/]$/.test(projectPath)) return projectPath;
  return projectPath.replace(/[\\/]+$/, '') || projectPath;
}
