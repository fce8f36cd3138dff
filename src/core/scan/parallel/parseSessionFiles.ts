import type { ParsedSession, SessionFile } from '../../agents/plugin.js';
import type { ParsePool } from './parsePool.js';

/** One file's parse: the session, or what it threw (scanSessions reports it and goes on). */
export type FileParse = { file: SessionFile; parsed: ParsedSession } | { file: SessionFile; error: unknown };

/** Parsing on worker threads: the pool, and the name of the built-in plugin its threads parse with. */
export interface WorkerParse {
  pool: ParsePool;
  agent: string;
}

export interface ParseFilesOptions {
  signal?: AbortSignal;
  /** Unset: every file is parsed on this thread with `parse`, one after the other. */
  workers?: WorkerParse;
}

/** Files parsed ahead of the one being read, per thread: enough to keep every thread busy, few enough to bound memory. */
const AHEAD_PER_THREAD = 2;

/**
 * Parses session files and yields the results in the order of `files`, whichever thread parsed them: on this
 * thread with `parse`, or on the pool's worker threads (the same built-in plugin, so the same sessions). At most
 * a few files per thread are parsed ahead of the one the caller is reading, so memory stays bounded.
 */
export async function* parseSessionFiles(
  files: readonly SessionFile[],
  parse: (file: SessionFile) => Promise<ParsedSession>,
  options: ParseFilesOptions = {},
): AsyncGenerator<FileParse> {
  const { workers, signal } = options;
  const start = workers ? (file: SessionFile) => workers.pool.parse(workers.agent, file, signal) : parse;
  yield* parseInOrder(files, start, workers ? workers.pool.size * AHEAD_PER_THREAD : 1, signal);
}

/**
 * `start` on each file, at most `ahead` of them at once, the results yielded in the order of `files` (what each
 * file came to, or what it threw). parseSessionFiles, for whatever a parse gives back (scanFigures: the figures).
 */
export async function* parseInOrder<T>(
  files: readonly SessionFile[],
  start: (file: SessionFile) => Promise<T>,
  ahead: number,
  signal?: AbortSignal,
): AsyncGenerator<{ file: SessionFile; parsed: T } | { file: SessionFile; error: unknown }> {
  const pending: Array<Promise<{ file: SessionFile; parsed: T } | { file: SessionFile; error: unknown }>> = [];
  let next = 0;
  const fill = () => {
    while (next < files.length && pending.length < ahead) {
      const file = files[next++]!;
      pending.push(start(file).then((parsed) => ({ file, parsed }), (error: unknown) => ({ file, error })));
    }
  };
  while (next < files.length || pending.length > 0) {
    signal?.throwIfAborted();
    fill();
    yield await pending.shift()!;
  }
}

/** Files parsed ahead of the one being read, per worker thread (parseSessionFiles, and scanFigures on threads). */
export const PARSED_AHEAD_PER_THREAD = AHEAD_PER_THREAD;
