// Messages between the parse pool (parsePool.ts) and its worker threads (parseWorker.ts). Both sides are this
// package's own code, built from the same source, so the shapes are plain TypeScript types; the session data
// inside was already parsed and validated by the agent plugin in the worker.
import type { ParsedSession, SessionFile } from '../../agents/plugin.js';
import type { SessionFigures } from '../sessionFigures.js';
import { NotRegularFileError, notRegularCause } from '../../logs/regularFile.js';

export interface ParseRequest {
  id: number;
  /** Registry name of the built-in plugin that parses the file. */
  agent: string;
  file: SessionFile;
  /** The whole session (default), or only what a figures-only scan counts (sessionFigures: far less to send back). */
  want?: 'session' | 'figures';
}

/** What scanSessions reads from a parse error (fsWalk.describeFsError, regularFile.notRegularCause), nothing more. */
export interface ParseFailure {
  message: string;
  code?: string;
  notRegular?: { file: string; kind: string };
}

export type ParseReply = { id: number; parsed: ParsedSession } | { id: number; figures: SessionFigures } | { id: number; failure: ParseFailure };

/** A parse error as it can cross a thread: structured clone keeps an Error's message but drops its code and class. */
export function describeParseFailure(error: unknown): ParseFailure {
  const failure: ParseFailure = { message: error instanceof Error ? error.message : String(error) };
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') failure.code = code;
  const special = notRegularCause(error);
  if (special) failure.notRegular = { file: special.file, kind: special.kind };
  return failure;
}

/** The error a failed parse threw, rebuilt on this side: same message and code, a NotRegularFileError as its cause. */
export function rebuildParseError(failure: ParseFailure): Error {
  const cause = failure.notRegular ? new NotRegularFileError(failure.notRegular.file, failure.notRegular.kind) : undefined;
  return Object.assign(new Error(failure.message, cause ? { cause } : undefined), failure.code === undefined ? {} : { code: failure.code });
}
