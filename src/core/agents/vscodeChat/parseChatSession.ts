import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ParsedSession, ParseOptions, SessionFile } from '../plugin.js';
import { describeFsError } from '../fsWalk.js';
import { firstInvalidUtf8Line, INVALID_UTF8_REASON } from '../../logs/invalidUtf8.js';
import { readJsonLines } from '../../logs/readJsonLines.js';
import { readRegularFile } from '../../logs/regularFile.js';
import { SessionNotes } from '../gemini/sessionNotes.js';
import { chatSessionSchema } from './chatSessionSchemas.js';
import { chatToolCalls } from './chatToolCalls.js';
import { replayChatMutationLog } from './replayChatMutationLog.js';

/** Largest whole-session `.json` read at once; VS Code rewrites the whole file on every save. */
const MAX_SESSION_DOCUMENT_BYTES = 64 * 1024 * 1024;

/** An error reading a session file, naming the file and keeping the fs error code. */
function unreadableChatSession(file: string, error: unknown): Error {
  const cause = error as NodeJS.ErrnoException;
  return Object.assign(new Error(`Cannot read VS Code chat session ${file}: ${describeFsError(error)}`), { code: cause?.code, cause });
}

export interface ChatSessionContent {
  /** The session object (undefined when nothing usable was read). */
  session: unknown;
  /** The line (log) or position (whole file) of request i. */
  lineOf: (request: number) => number;
}

/** The session a file holds: the replayed log (`.jsonl`) or the whole-session document (`.json`). */
export function readChatSession(file: string, notes: SessionNotes, signal?: AbortSignal): Promise<ChatSessionContent> {
  return file.endsWith('.jsonl') ? replayLog(file, notes, signal) : readDocument(file, notes);
}

/**
 * Parses one VS Code chat session into tool calls: a `.jsonl` mutation log is replayed (replayChatMutationLog),
 * a `.json` file is the whole session (VS Code before the log, or with `chat.useLogSessionStorage: false`).
 * Bad content is counted and noted; only an unreadable file throws (naming the file).
 */
export async function parseChatSession(file: SessionFile, options: ParseOptions = {}): Promise<ParsedSession> {
  const notes = new SessionNotes(file.path);
  const content = await readChatSession(file.path, notes, options.signal);
  const fallbackId = path.basename(file.path).replace(/\.jsonl?$/, '');
  const parsed = chatSessionSchema.safeParse(content.session);
  if (content.session !== undefined && !parsed.success) notes.skip(undefined, 'JSON but not a VS Code chat session (no requests list); skipped');
  const sessionId = (parsed.success ? parsed.data.sessionId : undefined) ?? file.sessionId ?? fallbackId;
  const requests = parsed.success ? parsed.data.requests : [];
  const calls = chatToolCalls(requests, content.lineOf, { sessionId, file: file.path }, notes);
  const result: ParsedSession = { sessionId, file: file.path, subagent: false, calls, skippedLines: notes.skipped, warnings: notes.warnings() };
  const created = parsed.success ? parsed.data.creationDate : undefined;
  if (created !== undefined) result.startedAt = new Date(created).toISOString();
  return result;
}

async function replayLog(file: string, notes: SessionNotes, signal?: AbortSignal): Promise<ChatSessionContent> {
  try {
    const { session, requestLines } = await replayChatMutationLog(readJsonLines(file, signal), notes);
    return { session, lineOf: (request) => requestLines[request] ?? 1 };
  } catch (error) {
    if (signal?.aborted) throw error;
    throw unreadableChatSession(file, error);
  }
}

/** A whole-session file; request i is placed at "line" i + 1 (its position in `requests`). */
async function readDocument(file: string, notes: SessionNotes): Promise<ChatSessionContent> {
  const lineOf = (request: number) => request + 1;
  let bytes: Buffer;
  try {
    const { size } = await fs.stat(file);
    if (size > MAX_SESSION_DOCUMENT_BYTES) {
      notes.skip(undefined, `session file of ${(size / (1024 * 1024)).toFixed(1)} MB is over the ${MAX_SESSION_DOCUMENT_BYTES / (1024 * 1024)} MB limit; not read`);
      return { session: undefined, lineOf };
    }
    bytes = await readRegularFile(file);
  } catch (error) {
    throw unreadableChatSession(file, error);
  }
  const invalidLine = firstInvalidUtf8Line(bytes);
  if (invalidLine !== undefined) notes.warn(invalidLine, INVALID_UTF8_REASON);
  try {
    return { session: JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) as unknown, lineOf };
  } catch {
    notes.skip(undefined, 'not valid JSON (truncated or damaged session file); skipped');
    return { session: undefined, lineOf };
  }
}
