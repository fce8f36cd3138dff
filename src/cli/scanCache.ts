import type { AgentEnvironment } from '../core/agents/plugin.js';
import { cliCacheRoot } from '../core/scan/cache/cacheFolder.js';
import { SessionCache } from '../core/scan/cache/sessionCache.js';
import { writeLine, type CliIO } from './output.js';

/** `--no-cache`, the same on learn, scan and eval. */
export const NO_CACHE_OPTION = { 'no-cache': { type: 'boolean' } } as const;

/** The CLI's scan cache (cliCacheRoot), or none with --no-cache; what it discards is noted on stderr. */
export function openScanCache(noCache: boolean | undefined, io: CliIO, environment: AgentEnvironment): SessionCache | undefined {
  if (noCache) return undefined;
  return new SessionCache(cliCacheRoot(environment.env, environment.home), { log: (message) => writeLine(io.stderr, `headroom-learn: ${message}`) });
}
