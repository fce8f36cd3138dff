import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { AgentEnvironment } from '../plugin.js';

export const GROK_AGENT = 'grok';

/** The file of a session that is its transcript: ACP session updates, append-only. */
export const GROK_UPDATES_FILE = 'updates.jsonl';

/**
 * Grok Build's home: `$GROK_HOME`, else `<home>/.grok` (xai-grok-config/src/paths.rs `grok_home`, read in the
 * grok-build source tree through the code search).
 */
function grokHome(environment: AgentEnvironment): string {
  const configured = environment.env.GROK_HOME;
  return configured !== undefined && configured.trim() !== '' ? configured : path.join(environment.home, '.grok');
}

/** `<grok home>/sessions/<encoded cwd>/<session id>/updates.jsonl`. */
export function grokSessionsDir(environment: AgentEnvironment): string {
  return path.join(grokHome(environment), 'sessions');
}

/**
 * The working folder a `sessions/<name>` folder stands for (paths.rs `decode_cwd_from_dirname`): the
 * URL-decoded name when that is an absolute path (names of up to 255 bytes are `urlencoding::encode(cwd)`,
 * which is reversible), else the `.cwd` file Grok writes into the hashed `<slug>-<blake3>` folders of longer paths.
 */
export async function grokFolderCwd(folder: string): Promise<string | undefined> {
  const decoded = urlDecoded(path.basename(folder));
  if (decoded !== undefined && (decoded.startsWith('/') || /^[A-Za-z]:[\\/]/.test(decoded))) return decoded;
  try {
    const recorded = (await fs.readFile(path.join(folder, '.cwd'), 'utf8')).trim();
    return recorded === '' ? undefined : recorded;
  } catch {
    return undefined;
  }
}

function urlDecoded(name: string): string | undefined {
  try {
    return decodeURIComponent(name);
  } catch {
    return undefined;
  }
}
