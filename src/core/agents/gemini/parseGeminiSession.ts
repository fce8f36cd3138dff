import * as path from 'node:path';
import type { ParsedSession, ParseOptions, SessionFile } from '../plugin.js';
import { readJsonLines } from '../../logs/readJsonLines.js';
import type { GeminiConversation } from './geminiConversation.js';
import { geminiToolCalls } from './geminiToolCalls.js';
import { DEFAULT_MAX_DOCUMENT_BYTES, readGeminiDocument } from './readGeminiDocument.js';
import { looksLikeJsonDocument, readFileStart, sessionFileSize, unreadableSessionError } from './readGeminiSessionFile.js';
import { replayGeminiJsonl } from './replayGeminiJsonl.js';
import { SessionNotes } from './sessionNotes.js';

export interface GeminiParseLimits {
  /** Largest legacy single-document session read whole (bytes). */
  maxDocumentBytes: number;
}

export const DEFAULT_GEMINI_PARSE_LIMITS: GeminiParseLimits = { maxDocumentBytes: DEFAULT_MAX_DOCUMENT_BYTES };

/**
 * Parses one Gemini CLI session file into tool calls. A `.json` file is the legacy single
 * document; a `.jsonl` file is streamed record by record, unless it starts like a
 * pretty-printed document (a legacy file copied under the new name), which is read as one.
 * Bad content is counted and noted; only an unreadable file throws (naming the file).
 */
export async function parseGeminiSession(
  file: SessionFile,
  options: ParseOptions = {},
  limits: GeminiParseLimits = DEFAULT_GEMINI_PARSE_LIMITS,
): Promise<ParsedSession> {
  const notes = new SessionNotes(file.path);
  const size = await sessionFileSize(file.path);
  const isDocument = file.path.endsWith('.json') || looksLikeJsonDocument(await readFileStart(file.path, 64));
  const conversation: GeminiConversation = isDocument
    ? await readGeminiDocument(file.path, size, limits.maxDocumentBytes, notes)
    : await replayJsonlFile(file.path, notes, options.signal);
  const subagent = file.subagent || conversation.kind === 'subagent';
  const sessionId = conversation.sessionId ?? file.sessionId ?? path.basename(file.path).replace(/\.jsonl?$/, '');
  const calls = geminiToolCalls(conversation, { sessionId, file: file.path, subagent }, notes);
  const parsed: ParsedSession = { sessionId, file: file.path, subagent, calls, skippedLines: notes.skipped, warnings: notes.warnings() };
  if (conversation.startTime !== undefined) parsed.startedAt = conversation.startTime;
  return parsed;
}

async function replayJsonlFile(file: string, notes: SessionNotes, signal?: AbortSignal): Promise<GeminiConversation> {
  try {
    return await replayGeminiJsonl(readJsonLines(file, signal), notes);
  } catch (error) {
    if (signal?.aborted) throw error;
    throw unreadableSessionError(file, error);
  }
}
