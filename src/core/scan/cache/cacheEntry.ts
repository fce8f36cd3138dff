import { z } from 'zod';
import type { ParsedSession } from '../../agents/plugin.js';
import { toolCallSchema } from '../../model/toolCallSchema.js';

/** The layout of an entry file; an entry of another layout is discarded. */
export const CACHE_FORMAT = 1 as const;

const parsedSessionSchema = z.object({
  sessionId: z.string(),
  file: z.string(),
  subagent: z.boolean(),
  cwd: z.string().optional(),
  startedAt: z.string().optional(),
  calls: z.array(toolCallSchema),
  skippedLines: z.number().int().nonnegative(),
  warnings: z.array(z.string()),
}) satisfies z.ZodType<ParsedSession>;

/** What an entry is valid for: the log's path, size and mtime, and the parser that read it. */
const entryKey = {
  format: z.literal(CACHE_FORMAT),
  /** plugin name, its parserVersion and the core build (cachedParse.ts: parserKey). */
  parser: z.string(),
  path: z.string(),
  size: z.number().nonnegative(),
  mtimeMs: z.number(),
  /** The SessionFile fields parse() reads besides the path. */
  subagent: z.boolean(),
  sessionId: z.string().optional(),
};

/**
 * One session file's parse, as the scan cache keeps it (one JSON file per log): the key it is valid for and the
 * session (calls with bounded excerpts, never the raw log). Read on every scan.
 */
export const cacheEntrySchema = z.object({
  ...entryKey,
  /** The session as parse() gave it, but its calls. */
  session: parsedSessionSchema.omit({ calls: true }),
  /**
   * Its calls as JSON text, read (rawCallsSchema) only by a scan that needs them: one rebasing a worktree's paths.
   * Kept only when the scan that stored the entry needed them (they are larger than the scanned calls); without them
   * such a scan reads the session from the checkpoint beside it, or parses the log again.
   */
  rawCalls: z.string().optional(),
  /** session.calls made ready for the scan (scan/scannedCall.ts): safe, short excerpts for successes. */
  scannedCalls: z.array(toolCallSchema),
});

export const rawCallsSchema = z.array(toolCallSchema);
export type CacheEntry = z.infer<typeof cacheEntrySchema>;

/**
 * Beside it, for a log that can be resumed: the parser's checkpoint and a fingerprint of the bytes it was taken
 * on. A file of its own, read only when the log changed (the parser's state is larger than the session).
 */
export const resumeEntrySchema = z.object({
  ...entryKey,
  checkpoint: z.object({ offset: z.number().int().nonnegative(), line: z.number().int().nonnegative(), state: z.unknown() }),
  /** prefixFingerprint(path, checkpoint.offset) when the entry was written. */
  fingerprint: z.string(),
});
export type ResumeEntry = z.infer<typeof resumeEntrySchema>;
