import * as path from 'node:path';
import type { AgentEnvironment, ScanReporter } from '../plugin.js';
import { listDir } from '../fsWalk.js';

/**
 * Where OpenCode keeps its database (anomalyco/opencode packages/opencode/src/storage/db.ts, global/index.ts):
 * `opencode.db` in its data folder, `xdg-basedir`'s data home + `/opencode` — `$XDG_DATA_HOME/opencode`, else
 * `~/.local/share/opencode` on every platform — and `opencode-<channel>.db` beside it for other release
 * channels. `OPENCODE_DB` names another file (absolute, or relative to the data folder).
 */
function opencodeDataDir(environment: AgentEnvironment): string {
  const dataHome = environment.env.XDG_DATA_HOME || path.join(environment.home, '.local', 'share');
  return path.join(dataHome, 'opencode');
}

const DATABASE_NAME = /^opencode(-[A-Za-z0-9._-]+)?\.db$/;

/** Every OpenCode database of this environment, sorted. */
export async function opencodeDatabases(environment: AgentEnvironment, reporter: ScanReporter): Promise<string[]> {
  const dataDir = opencodeDataDir(environment);
  const named = environment.env.OPENCODE_DB;
  if (named && named !== ':memory:') return [path.isAbsolute(named) ? named : path.join(dataDir, named)];
  const entries = await listDir(dataDir, reporter);
  return entries
    .filter((entry) => !entry.isDirectory() && DATABASE_NAME.test(entry.name))
    .map((entry) => path.join(dataDir, entry.name))
    .sort();
}
