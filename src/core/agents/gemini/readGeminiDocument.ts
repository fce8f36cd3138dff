import { firstInvalidUtf8Line, INVALID_UTF8_REASON } from '../../logs/invalidUtf8.js';
import type { GeminiConversation } from './geminiConversation.js';
import { geminiLegacyDocumentSchema } from './geminiRecordSchemas.js';
import { unreadableSessionError } from './readGeminiSessionFile.js';
import type { SessionNotes } from './sessionNotes.js';
import { readRegularFile } from '../../logs/regularFile.js';

/** Largest legacy single-document session read whole; Gemini rewrites these files on every update. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

/**
 * Reads a legacy single-document session (`session-*.json`, Gemini CLI ≤ 0.38):
 * `{sessionId, projectHash, startTime, lastUpdated, messages[], …}`. The message at
 * position N of `messages` is placed at "line" N. A file over `maxBytes`, one that is not
 * JSON, or JSON that is not a session is one skipped record with a warning naming the file.
 * Throws (naming the file) only when the file cannot be read.
 */
export async function readGeminiDocument(file: string, size: number, maxBytes: number, notes: SessionNotes): Promise<GeminiConversation> {
  if (size > maxBytes) {
    notes.skip(undefined, `single-document session of ${humanSize(size)} is over the ${humanSize(maxBytes)} limit; not read`);
    return { messages: [] };
  }
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(file);
  } catch (error) {
    throw unreadableSessionError(file, error);
  }
  const invalidLine = firstInvalidUtf8Line(bytes);
  if (invalidLine !== undefined) notes.warn(invalidLine, INVALID_UTF8_REASON);
  const text = bytes.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    notes.skip(undefined, 'not valid JSON (truncated or damaged session document); skipped');
    return { messages: [] };
  }
  const document = geminiLegacyDocumentSchema.safeParse(value);
  if (!document.success) {
    notes.skip(undefined, 'JSON but not a Gemini CLI session (no sessionId and messages); skipped');
    return { messages: [] };
  }
  const { sessionId, startTime, kind, messages } = document.data;
  return { sessionId, startTime, kind, messages: messages.map((record, position) => ({ record, line: position + 1 })) };
}

function humanSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
