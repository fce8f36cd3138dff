import type { AgentEnvironment } from '../core/agents/plugin.js';
import { cliCacheRoot } from '../core/scan/cache/cacheFolder.js';
import { SessionCache } from '../core/scan/cache/sessionCache.js';
import { parseCommandArgs } from './commandArgs.js';
import { writeLine, type CliIO } from './output.js';
import { CliError, EXIT_OK, UsageError } from './usageError.js';

function entries(n: number): string {
  return `${n} ${n === 1 ? 'entry' : 'entries'}`;
}

function results(n: number): string {
  return `${n} project ${n === 1 ? 'result' : 'results'}`;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const CACHE_HELP = `Usage: headroom-learn cache clear
       headroom-learn cache info

The scan cache keeps each session log's parsed tool calls (bounded excerpts, not the log), so the
next run reads only the logs that changed, and only the new lines of a log that grew. It lives in
$HEADROOM_LEARN_CACHE_DIR, else $XDG_CACHE_HOME/headroom-learn (default ~/.cache/headroom-learn,
~/Library/Caches/headroom-learn on macOS, %LOCALAPPDATA%\\headroom-learn\\Cache on Windows), and
holds at most 256 MB (the least recently used entries go first). Beside it, project-cache keeps
what was computed from all of a project's logs at once (scan's figures, learn's findings) and
the model's answers to learn's requests, so a second scan or learn of a project whose logs did
not change reads none of them and asks no model the same question twice. learn, scan and eval
take --no-cache to read every log (and ask the model) afresh.

Commands:
  clear       Empty the scan cache
  info        Where the cache is and how big it is
`;

/** `headroom-learn cache clear|info`. */
export async function runCacheCommand(argv: string[], io: CliIO, environment: AgentEnvironment): Promise<number> {
  const [action, ...rest] = argv;
  if (action === undefined || action === '--help' || action === '-h' || action === 'help') {
    io.stdout.write(CACHE_HELP);
    return EXIT_OK;
  }
  if (action !== 'clear' && action !== 'info') throw new UsageError(`Unknown cache command "${action}". Run "headroom-learn cache --help".`);
  parseCommandArgs(rest, {}, 'headroom-learn cache --help');
  const cache = new SessionCache(cliCacheRoot(environment.env, environment.home));
  if (action === 'info') {
    const logs = await cache.size();
    const projects = await cache.results.size();
    writeLine(io.stdout, `${cache.folder}: ${entries(logs.entries)}, ${megabytes(logs.bytes)}`);
    writeLine(io.stdout, `${cache.results.folder}: ${results(projects.entries)}, ${megabytes(projects.bytes)}`);
    return EXIT_OK;
  }
  let removed: { entries: number; results: number };
  try {
    removed = await cache.clear();
  } catch (error) {
    throw new CliError(`Cannot clear the scan cache ${cache.folder}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  writeLine(io.stdout, `Scan cache cleared: ${entries(removed.entries)} removed from ${cache.folder}, ${results(removed.results)} from ${cache.results.folder}.`);
  return EXIT_OK;
}
