import { z } from 'zod';
import { HEAD_CHUNK_BYTES, readJsonLines } from '../../logs/readJsonLines.js';
import { ClaudeRecordSchema } from './claudeRecords.js';

export interface ClaudeSessionHeader {
  /** Working directory of the first record that records one (the folder Claude Code was started in). */
  cwd?: string;
  /** Session id of that record (for a subagent: its parent's). */
  sessionId?: string;
  /** The git branch that record names, when it names one. */
  gitBranch?: string;
}

/**
 * Streams a transcript only until the first record that has a `cwd`.
 * Throws when the file cannot be read; bad lines before it are passed over.
 */
export async function readClaudeSessionHeader(filePath: string): Promise<ClaudeSessionHeader> {
  let sessionId: string | undefined;
  for await (const item of readJsonLines(filePath, undefined, { chunkBytes: HEAD_CHUNK_BYTES })) {
    if (item.kind !== 'record') continue;
    const parsed = ClaudeRecordSchema.safeParse(item.value);
    if (!parsed.success) continue;
    sessionId ??= parsed.data.sessionId;
    if (parsed.data.cwd !== undefined && parsed.data.cwd !== '') {
      const gitBranch = parsed.data.gitBranch;
      return { cwd: parsed.data.cwd, sessionId: parsed.data.sessionId ?? sessionId, ...(gitBranch ? { gitBranch } : {}) };
    }
  }
  return { sessionId };
}

/** A ClaudeSessionHeader as a SessionHeadCache keeps it: its fields, each a string when present, and nothing else. */
const keptHeaderSchema = z.strictObject({ cwd: z.string().optional(), sessionId: z.string().optional(), gitBranch: z.string().optional() });

/** A value is a ClaudeSessionHeader (one a SessionHeadCache kept). */
export function isClaudeSessionHeader(value: unknown): value is ClaudeSessionHeader {
  return keptHeaderSchema.safeParse(value).success;
}
