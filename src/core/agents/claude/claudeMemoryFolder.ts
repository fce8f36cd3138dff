import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import type { AgentEnvironment } from '../plugin.js';
import { sameProjectPath } from '../projectPaths.js';
import { claudeProjectDirNameOverride, claudeProjectsDir, claudeRoot } from './claudeRoot.js';
import { encodeClaudeProjectPath, matchesClaudeProjectFolder } from './encodeClaudeProjectPath.js';

/** The folder Claude Code keeps a project's auto memory (MEMORY.md) in, and the folder it must stay inside. */
export interface ClaudeMemoryFolder {
  folder: string;
  root: string;
}

/** The one setting read from Claude Code's settings files; anything else in them is ignored. */
const ClaudeSettingsSchema = z.object({ autoMemoryDirectory: z.string().optional().catch(undefined) });

/** Bytes read from the head of a transcript to find its `cwd` (the first records carry it). */
const HEAD_BYTES = 64 * 1024;

/**
 * Where Claude Code reads a project's MEMORY.md, in its own order (research: the auto-memory path resolution as
 * documented by tools that mirror it — noblivion's configuration docs and a published write-up of Claude Code's
 * memory module, found with the code search; Claude Code itself is closed source):
 *
 * 1. `autoMemoryDirectory` from the project's `.claude/settings.local.json`, then the user's `settings.json`
 *    (absolute or `~/…`; Claude Code ignores a relative value, and never takes it from the shared
 *    `.claude/settings.json`, so a cloned repository cannot point it elsewhere);
 * 2. `<claude root>/projects/<CLAUDE_CODE_PROJECT_DIR_NAME>/memory` when that variable is set with CLAUDE_CONFIG_DIR;
 * 3. `<claude root>/projects/<project folder>/memory`. For a path of more than 200 characters, Claude Code 2.1.224+
 *    names the folder with a suffix that is not public, so the folder its own transcripts of this project are in
 *    (their recorded `cwd` is the project) wins over our reconstruction of the older suffix.
 */
export function claudeMemoryFolder(projectPath: string, environment: AgentEnvironment): ClaudeMemoryFolder {
  const configured = configuredMemoryDirectory(projectPath, environment);
  if (configured !== undefined) return { folder: configured, root: configured };
  const root = claudeRoot(environment);
  const projectsDir = claudeProjectsDir(environment);
  const name = claudeProjectDirNameOverride(environment) ?? recordedProjectFolder(projectPath, projectsDir) ?? encodeClaudeProjectPath(projectPath);
  return { folder: path.join(projectsDir, name, 'memory'), root };
}

function configuredMemoryDirectory(projectPath: string, environment: AgentEnvironment): string | undefined {
  const files = [path.join(projectPath, '.claude', 'settings.local.json'), path.join(claudeRoot(environment), 'settings.json')];
  for (const file of files) {
    const value = readSetting(file);
    if (value === undefined) continue;
    const resolved = usableDirectory(value, environment.home);
    if (resolved !== undefined) return resolved;
  }
  return undefined;
}

/** The setting's value, or undefined when the file is missing, unreadable, not JSON or does not set it. */
function readSetting(file: string): string | undefined {
  try {
    const parsed = ClaudeSettingsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data.autoMemoryDirectory : undefined;
  } catch {
    return undefined;
  }
}

/** `~/x` under the home folder, an absolute path as it is; anything else is not a value Claude Code uses. */
function usableDirectory(value: string, home: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '~' || trimmed.startsWith('~/')) return path.join(home, trimmed.slice(1));
  return path.isAbsolute(trimmed) || path.win32.isAbsolute(trimmed) ? trimmed : undefined;
}

/**
 * For a path whose folder name was cut at 200 characters: the candidate folder holding the most recent transcript
 * recorded in this project. Short paths have one exact name and need no lookup.
 */
function recordedProjectFolder(projectPath: string, projectsDir: string): string | undefined {
  if (encodeClaudeProjectPath(projectPath).length <= 200) return undefined;
  let best: { name: string; mtime: number } | undefined;
  for (const name of safeReaddir(projectsDir)) {
    if (!matchesClaudeProjectFolder(name, projectPath)) continue;
    for (const file of safeReaddir(path.join(projectsDir, name)).filter((f) => f.endsWith('.jsonl'))) {
      const full = path.join(projectsDir, name, file);
      const cwd = headCwd(full);
      if (cwd === undefined || !sameProjectPath(cwd, projectPath)) continue;
      const mtime = safeMtime(full);
      if (best === undefined || mtime > best.mtime) best = { name, mtime };
    }
  }
  return best?.name;
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function safeMtime(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** The `cwd` of the first record in a transcript's head that has one. */
function headCwd(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buffer = Buffer.alloc(HEAD_BYTES);
    const read = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    for (const line of buffer.subarray(0, read).toString('utf8').split('\n')) {
      const cwd = lineCwd(line);
      if (cwd !== undefined) return cwd;
    }
    return undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function lineCwd(line: string): string | undefined {
  try {
    const value: unknown = JSON.parse(line);
    const cwd = typeof value === 'object' && value !== null ? (value as { cwd?: unknown }).cwd : undefined;
    return typeof cwd === 'string' && cwd !== '' ? cwd : undefined;
  } catch {
    return undefined;
  }
}
