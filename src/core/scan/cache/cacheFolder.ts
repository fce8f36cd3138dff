import * as path from 'node:path';

/** The folder, inside a cache root, that holds the scan cache's entries (the root may hold other things: an extension's global storage). */
export const SCAN_CACHE_FOLDER = 'scan-cache';

/**
 * The command-line tool's cache root: `$HEADROOM_LEARN_CACHE_DIR`, else `$XDG_CACHE_HOME/headroom-learn`, else per platform `~/.cache/headroom-learn`,
 * `~/Library/Caches/headroom-learn`, `%LOCALAPPDATA%\headroom-learn\Cache` (the layout env-paths uses; written here
 * because core takes the environment and home as inputs, and env-paths reads process.env itself).
 */
export function cliCacheRoot(env: Readonly<Record<string, string | undefined>>, home: string, platform: NodeJS.Platform = process.platform): string {
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  if (env.HEADROOM_LEARN_CACHE_DIR) return env.HEADROOM_LEARN_CACHE_DIR;
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return join(env.XDG_CACHE_HOME, 'headroom-learn');
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'headroom-learn');
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'headroom-learn', 'Cache');
  return join(home, '.cache', 'headroom-learn');
}
