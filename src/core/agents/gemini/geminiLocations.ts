import * as path from 'node:path';
import type { AgentEnvironment } from '../plugin.js';

/** `$GEMINI_CLI_HOME/.gemini`, or `<home>/.gemini`. */
function geminiRoot(environment: AgentEnvironment): string {
  const home = environment.env.GEMINI_CLI_HOME || environment.home;
  return path.join(home, '.gemini');
}

/** Per-project folders live here: `tmp/<sha256 or slug>/chats/…`. */
export function geminiTmpDir(environment: AgentEnvironment): string {
  return path.join(geminiRoot(environment), 'tmp');
}

/** The registry of project paths → slugs written by Gemini CLI 0.29+. */
export function geminiProjectRegistryPath(environment: AgentEnvironment): string {
  return path.join(geminiRoot(environment), 'projects.json');
}

/** The marker file inside a slug folder that holds the project's absolute path. */
export const PROJECT_ROOT_MARKER = '.project_root';

/** A slug from projects.json must name a folder directly under tmp/, nothing else. */
export function isPlainFolderName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[\\/]/.test(name);
}
