import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ParsedSession, SessionFile } from '../plugin.js';
import { describeFsError } from '../fsWalk.js';
import { SessionNotes } from '../gemini/sessionNotes.js';
import { firstInvalidUtf8Line, INVALID_UTF8_REASON } from '../../logs/invalidUtf8.js';
import { readRegularFile } from '../../logs/regularFile.js';
import { clineTaskCalls } from './clineTaskCalls.js';
import { apiMessageSchema, rooMessageHistorySchema } from './clineTaskRecords.js';
import { workingFolderInJsonText } from './taskWorkingFolder.js';

/** Largest conversation file read whole (the agents rewrite it whole on every message). */
const MAX_TASK_HISTORY_BYTES = 64 * 1024 * 1024;

/**
 * Parses one task's `api_conversation_history.json` (Cline, Roo Code): a JSON array of messages, or Roo Code's
 * `{ version: 2, messages }`. The message at position N is "line" N. A file over the size limit, not JSON, or JSON
 * that is no conversation is one skipped record with a warning naming the file; only an unreadable file throws.
 */
export async function parseClineTask(agent: string, displayName: string, file: SessionFile, maxBytes = MAX_TASK_HISTORY_BYTES): Promise<ParsedSession> {
  const notes = new SessionNotes(file.path);
  const sessionId = file.sessionId ?? path.basename(path.dirname(file.path));
  const parsed: ParsedSession = { sessionId, file: file.path, subagent: file.subagent, calls: [], skippedLines: 0, warnings: [] };
  const records = await readRecords(file.path, displayName, maxBytes, notes);
  const cwd = records.cwd ?? (file.projectPath || undefined);
  if (cwd !== undefined) parsed.cwd = cwd;
  const context = { agent, sessionId, file: file.path, subagent: file.subagent, ...(cwd === undefined ? {} : { cwd }) };
  parsed.calls = clineTaskCalls(records.messages, context, notes);
  const startedAt = startTime(records.messages, sessionId);
  if (startedAt !== undefined) parsed.startedAt = startedAt;
  parsed.skippedLines = notes.skipped;
  parsed.warnings = notes.warnings();
  return parsed;
}

async function readRecords(file: string, displayName: string, maxBytes: number, notes: SessionNotes): Promise<{ messages: unknown[]; cwd?: string }> {
  let bytes: Buffer;
  try {
    const size = (await fs.stat(file)).size;
    if (size > maxBytes) {
      notes.skip(undefined, `conversation of ${(size / (1024 * 1024)).toFixed(1)} MB is over the ${(maxBytes / (1024 * 1024)).toFixed(0)} MB limit; not read`);
      return { messages: [] };
    }
    bytes = await readRegularFile(file);
  } catch (error) {
    const cause = error as NodeJS.ErrnoException;
    throw Object.assign(new Error(`Cannot read ${displayName} task ${file}: ${describeFsError(error)}`), { code: cause?.code, cause });
  }
  const invalidLine = firstInvalidUtf8Line(bytes);
  if (invalidLine !== undefined) notes.warn(invalidLine, INVALID_UTF8_REASON);
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    notes.skip(undefined, 'not valid JSON (truncated or damaged conversation); skipped');
    return { messages: [] };
  }
  const cwd = workingFolderInJsonText(text.slice(0, 256 * 1024));
  const envelope = rooMessageHistorySchema.safeParse(value);
  const messages = Array.isArray(value) ? value : envelope.success ? envelope.data.messages : undefined;
  if (messages === undefined) {
    notes.skip(undefined, `JSON but not a ${displayName} conversation (no message array); skipped`);
    return { messages: [] };
  }
  return cwd === undefined ? { messages } : { messages, cwd };
}

/** When the task started: its first message's `ts`, else the task id when it is Cline's epoch-milliseconds id. */
function startTime(messages: readonly unknown[], taskId: string): string | undefined {
  for (const record of messages) {
    const message = apiMessageSchema.safeParse(record);
    if (message.success && message.data.ts !== undefined && Number.isFinite(message.data.ts)) return new Date(message.data.ts).toISOString();
  }
  return /^\d{13}$/.test(taskId) ? new Date(Number(taskId)).toISOString() : undefined;
}
