import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { createDefaultRegistry } from '../../agents/builtins.js';
import type { AgentEnvironment, AgentPlugin, SessionFile } from '../../agents/plugin.js';
import { ParsePool } from './parsePool.js';
import type { WorkerParse } from './parseSessionFiles.js';

/** How a scan may use worker threads. Every field is optional: by default, one thread per core. */
export interface ParallelScanSettings {
  /** Threads that parse files; 1 parses on the calling thread. Default: HEADROOM_SCAN_THREADS, else one fewer than the cores. */
  threads?: number;
  /** The bundled worker (dist/parseWorker.js). Default: parseWorker.js beside the running bundle. */
  workerScript?: string;
  /** Fewer bytes of session files than this are parsed on the calling thread. Default: WORKER_MIN_BYTES. */
  minBytes?: number;
}

/**
 * Below this many bytes of sessions, starting threads (each loads the parsers and compiles them again, and adds
 * its own heap) costs more time and memory than it saves.
 */
const WORKER_MIN_BYTES = 48 * 1024 * 1024;

/** Environment variable that sets the number of parse threads (1: no worker threads), e.g. for a benchmark. */
const SCAN_THREADS_VARIABLE = 'HEADROOM_SCAN_THREADS';

/** Most threads a scan starts, whatever the machine: parsing beyond this is bound by the disk and the calling thread. */
const MAX_THREADS = 8;

const pools = new Map<string, ParsePool>();

/**
 * Worker threads for parsing these files, or undefined to parse them on this thread: when there is one file or
 * one thread, when the files are small (minBytes) and no pool of this process runs yet, when the plugin is not a built-in (another extension's plugin lives only on this thread), or when
 * the worker bundle is not there (running from source). The pool is shared by every scan of the process.
 */
export function workerParseFor(
  plugin: AgentPlugin,
  files: readonly SessionFile[],
  environment: AgentEnvironment,
  settings: ParallelScanSettings = {},
): WorkerParse | undefined {
  const threads = Math.min(files.length, settings.threads ?? threadsFrom(environment), MAX_THREADS);
  if (threads < 2 || !isBuiltin(plugin)) return undefined;
  const script = settings.workerScript ?? path.join(__dirname, 'parseWorker.js');
  const size = Math.min(settings.threads ?? threadsFrom(environment), MAX_THREADS);
  let pool = pools.get(script);
  // A pool already started costs nothing more: small scans use it too (`--all` scans project after project, and a
  // project's Codex or Gemini sessions alone rarely reach minBytes).
  const running = pool !== undefined && pool.size === size;
  if (!running && totalBytes(files) < (settings.minBytes ?? WORKER_MIN_BYTES)) return undefined;
  if (!existsSync(script)) return undefined;
  if (!pool || pool.size !== size) {
    void pool?.close();
    pool = new ParsePool(script, size);
    pools.set(script, pool);
  }
  return { pool, agent: plugin.name };
}

/** The files' sizes added up (a file that cannot be read counts 0: its parse reports it). */
function totalBytes(files: readonly SessionFile[]): number {
  let total = 0;
  for (const file of files) {
    try {
      total += statSync(file.path).size;
    } catch {
      // reported when it is parsed
    }
  }
  return total;
}

/**
 * HEADROOM_SCAN_THREADS when it is a whole number from 1, else one fewer than the cores Node may use: the calling
 * thread keeps a core for its own work (counting, making the kept calls safe, correlating). On 2 cores that is one
 * thread, so no worker threads: measured on a 2-core machine (npm run bench, the 500 MB history), two parse threads
 * were 10% faster (4.0 s against 4.5 s) for 25% more CPU and 244 MB of memory against 105 MB.
 */
function threadsFrom(environment: AgentEnvironment): number {
  const asked = environment.env[SCAN_THREADS_VARIABLE];
  const value = asked === undefined ? NaN : Number(asked);
  return Number.isInteger(value) && value >= 1 ? value : Math.max(1, availableParallelism() - 1);
}

/**
 * A built-in plugin as the registry makes it (same class, same settings, e.g. Gemini's parse limits): a worker
 * thread builds the same one and gets the same sessions.
 */
function isBuiltin(plugin: AgentPlugin): boolean {
  const builtin = createDefaultRegistry().get(plugin.name);
  return builtin?.constructor === plugin.constructor && JSON.stringify(builtin) === JSON.stringify(plugin);
}
