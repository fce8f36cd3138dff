import { z } from 'zod';
import type { AgentPlugin, ParsedSession, SessionFile } from '../agents/plugin.js';
import type { ErrorKind, Outcome } from '../model/toolCall.js';
import { cachedParse, parserKey } from './cache/cachedParse.js';
import { stampSessionFiles, type LogStamp } from './cache/projectResultCache.js';
import { parseInOrder, PARSED_AHEAD_PER_THREAD } from './parallel/parseSessionFiles.js';
import { sessionFigures, type LogCall, type SessionFigures } from './sessionFigures.js';
import { workerParseFor } from './parallel/workerParseFor.js';
import { countCall, emptyStats, pooledCheckouts, reportUnparsed, type AgentScan, type ScanOptions, type ScanStats } from './scanProject.js';

const OUTCOMES = ['ok', 'failed', 'rejected', 'interrupted'] as const satisfies readonly Outcome[];

const logStampSchema = z.tuple([z.string(), z.number(), z.number(), z.boolean(), z.string().nullable()]);

/** What one log adds to an agent's figures: its calls' ids and outcomes (duplicates across logs are dropped when totalled). */
const logFiguresSchema = z.object({
  stamp: logStampSchema,
  subagent: z.boolean(),
  skippedLines: z.number(),
  /** JSON of [call id or null, outcome, error kind or null] per call, in order (read by callsOf: a log's calls are many). */
  calls: z.string(),
  /** The warnings its parse gave (said again when the figures are reused). */
  warnings: z.array(z.string()),
});
type LogFigures = z.infer<typeof logFiguresSchema>;

/** An agent's figures for a project as kept, per log: the parser that read them, and each log's part. */
const keptFiguresSchema = z.object({ parser: z.string(), logs: z.array(logFiguresSchema) });

/** A kept log's calls, or undefined when they do not read back as written (the log is then read again). */
function callsOf(figures: LogFigures): LogCall[] | undefined {
  let calls: unknown;
  try {
    calls = JSON.parse(figures.calls);
  } catch {
    return undefined;
  }
  const isCall = (call: unknown): call is LogCall =>
    Array.isArray(call) &&
    call.length === 3 &&
    (call[0] === null || typeof call[0] === 'string') &&
    (OUTCOMES as readonly unknown[]).includes(call[1]) &&
    (call[2] === null || typeof call[2] === 'string');
  return Array.isArray(calls) && calls.every(isCall) ? calls : undefined;
}

const scanStatsSchema = z.object({
  sessions: z.number(),
  subagentSessions: z.number(),
  toolCalls: z.number(),
  failed: z.number(),
  rejected: z.number(),
  interrupted: z.number(),
  skippedLines: z.number(),
  errorKinds: z.record(z.string(), z.number()),
  duplicateCalls: z.number(),
}) satisfies z.ZodType<ScanStats>;

/** The totals of a scan with every log read, and the warnings it gave in order: what an unchanged project's next scan shows. */
const scanTotalsSchema = z.object({ stats: scanStatsSchema, warnings: z.array(z.string()) });

/**
 * `scan`'s figures for one agent and project (ScanOptions.keepSessions false): every log counted in order and
 * released at once. With the cache, each log's part of the figures is kept per project, so the next scan reads
 * only the logs that changed since (a log that grew is read on from its checkpoint, through the per-log cache) and
 * takes every other log's part from one small file: a re-scan costs what changed, not the history.
 */
export async function scanFigures(plugin: AgentPlugin, projectPath: string, files: SessionFile[], options: ScanOptions): Promise<AgentScan> {
  const scan = (stats: ScanStats, unreadableFiles: string[]): AgentScan => ({
    agent: plugin.name,
    displayName: plugin.displayName,
    projectPath,
    sessions: [],
    unreadableFiles,
    stats,
    pooledCheckouts: pooledCheckouts(projectPath, files),
  });
  const store = options.cache?.results;
  const parser = parserKey(plugin);
  const identity = { agent: plugin.name, projectPath };
  const stamps = store && parser !== undefined ? await stampSessionFiles(files) : undefined;
  const key = parser !== undefined && stamps ? { parsers: [parser], logs: stamps, options: null } : undefined;
  // Nothing changed: the totals as they were (one small file).
  const totals = store && key ? await store.get('scan', identity, key, scanTotalsSchema) : undefined;
  if (totals) {
    for (const warning of totals.warnings) options.reporter.warn(warning);
    options.onProgress?.({ agent: plugin.name, file: files[files.length - 1]?.path ?? projectPath, done: files.length, total: files.length });
    return scan(totals.stats, []);
  }
  const before = store && parser !== undefined ? await store.latest('figures', identity, keptFiguresSchema) : undefined;
  const reusable = await reusableFigures(files, before && before.parser === parser ? before.logs : []);
  const toParse = files.filter((_, i) => !reusable[i]);
  // Without the cache (--no-cache), large scans are parsed on worker threads, which send back only the figures.
  const workers = options.cache ? undefined : workerParseFor(plugin, toParse, options.environment, options.parallel);
  const start: (file: SessionFile) => Promise<CountedLog> = workers
    ? async (file: SessionFile) => countedLog(await workers.pool.figures(workers.agent, file, options.signal), unstamped(file))
    : async (file: SessionFile) => {
        const { session, stamp } = await parseCalls(plugin, file, options);
        return countedLog(sessionFigures(session), stamp ?? unstamped(file));
      };
  const parses = parseInOrder(toParse, start, workers ? workers.pool.size * PARSED_AHEAD_PER_THREAD : 1, options.signal)[Symbol.asyncIterator]();
  const stats = emptyStats();
  const seen = new Set<string>();
  const unreadableFiles: string[] = [];
  const warnings: string[] = [];
  const warn = (message: string): void => {
    warnings.push(message);
    options.reporter.warn(message);
  };
  const kept: CountedLog[] = [];
  for (const [i, file] of files.entries()) {
    let log = reusable[i];
    if (!log) {
      const next = await parses.next();
      if (next.done) throw new Error(`scanFigures: no parse for ${file.path}`); // parseInOrder gives one per file
      const result = next.value;
      if ('error' in result) {
        if (reportUnparsed(file, result.error, warn, options.signal) === 'unreadable') unreadableFiles.push(file.path);
        continue;
      }
      log = result.parsed;
    }
    const { figures, calls } = log;
    for (const warning of figures.warnings) warn(warning);
    addLogFigures(stats, calls, figures, seen);
    if (figures.stamp[1] >= 0) kept.push(log);
    options.onProgress?.({ agent: plugin.name, file: file.path, done: i + 1, total: files.length });
  }
  if (store && parser !== undefined) {
    const logs = kept.map(({ figures, calls }): LogFigures => ({ ...figures, calls: figures.calls ?? JSON.stringify(calls) }));
    await store.put('figures', identity, { parsers: [parser], logs: logs.map((figures) => figures.stamp), options: null }, { parser, logs });
    // A file that could not be read may be readable next time with the same size and mtime (its permissions changed).
    if (key && unreadableFiles.length === 0) await store.put('scan', identity, key, { stats, warnings });
  }
  return scan(stats, unreadableFiles);
}

/** A log's part of the figures (its calls as kept: unset until it is stored, for a log just parsed), and its calls read. */
interface CountedLog {
  figures: Omit<LogFigures, 'calls'> & { calls?: string };
  calls: LogCall[];
}

/** Per file, its kept figures when the file is as it was then (same size, mtime, and session fields); else undefined. */
async function reusableFigures(files: readonly SessionFile[], kept: readonly LogFigures[]): Promise<Array<CountedLog | undefined>> {
  if (kept.length === 0) return files.map(() => undefined);
  const byStamp = new Map(kept.map((figures) => [JSON.stringify(figures.stamp), figures]));
  return Promise.all(
    files.map(async (file) => {
      const [stamp] = (await stampSessionFiles([file])) ?? [];
      const figures = stamp && byStamp.get(JSON.stringify(stamp));
      const calls = figures && callsOf(figures);
      return figures && calls ? { figures, calls } : undefined;
    }),
  );
}

/** The session as the scan counts it (its calls from the per-log cache when it has them, else parsed), and the log's stamp before it was read. */
async function parseCalls(plugin: AgentPlugin, file: SessionFile, options: ScanOptions): Promise<{ session: ParsedSession; stamp?: LogStamp }> {
  const [stamp] = (options.cache && (await stampSessionFiles([file]))) || [];
  const { session, scannedCalls } = await cachedParse(plugin, file, { cache: options.cache, signal: options.signal, withCalls: false });
  return { session: { ...session, calls: scannedCalls ?? session.calls }, stamp };
}

/** The stamp of a log whose figures are never kept (a size of -1 matches no file). */
function unstamped(file: SessionFile): LogStamp {
  return [file.path, -1, -1, file.subagent, file.sessionId ?? null];
}

/** A parsed log's part of the figures, as kept (its stamp taken before it was read) and as counted. */
function countedLog(figures: SessionFigures, stamp: LogStamp): CountedLog {
  return { figures: { stamp, subagent: figures.subagent, skippedLines: figures.skippedLines, warnings: figures.warnings }, calls: figures.calls };
}

/** Adds a log's part to the figures; a call whose id an earlier log had is a duplicate (resumed sessions replay records). */
function addLogFigures(stats: ScanStats, calls: readonly LogCall[], figures: CountedLog['figures'], seen: Set<string>): void {
  stats.sessions += 1;
  if (figures.subagent) stats.subagentSessions += 1;
  stats.skippedLines += figures.skippedLines;
  for (const [id, outcome, errorKind] of calls) {
    if (id !== null) {
      if (seen.has(id)) {
        stats.duplicateCalls += 1;
        continue;
      }
      seen.add(id);
    }
    countCall(stats, outcome, (errorKind ?? undefined) as ErrorKind | undefined);
  }
}
