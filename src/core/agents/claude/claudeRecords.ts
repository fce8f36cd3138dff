import { z } from 'zod';

/**
 * The parts of a Claude Code transcript record (one JSONL line) that the scanner reads.
 * Claude Code adds record types and fields every few releases, so every schema is
 * lenient: unknown keys are dropped, and a field of the wrong type becomes undefined
 * instead of failing the whole record. See research/log-formats.md §1.
 */

const optionalString = z.string().optional().catch(undefined);

/** Envelope shared by every record type; `type` is the only field that must be there. */
export const ClaudeRecordSchema = z.object({
  type: z.string(),
  uuid: optionalString,
  sessionId: optionalString,
  cwd: optionalString,
  /** The branch checked out where the record was written ('HEAD' when detached). */
  gitBranch: optionalString,
  timestamp: optionalString,
  isSidechain: z.boolean().optional().catch(undefined),
  /** One API request; the records of one assistant message (one block each) share it. */
  requestId: optionalString,
  /** user/assistant only; `null` has been seen in the wild (#2299 of the reference tool). */
  message: z
    .object({ id: optionalString, content: z.union([z.string(), z.array(z.unknown())]).optional().catch(undefined) })
    .nullable()
    .optional()
    .catch(undefined),
});
export type ClaudeRecord = z.infer<typeof ClaudeRecordSchema>;

/** A content block of an `assistant` record that calls a tool. */
export const ClaudeToolUseBlockSchema = z.object({
  type: z.literal('tool_use'),
  id: z.string().min(1),
  name: z.string().min(1),
  input: z.record(z.string(), z.unknown()).catch({}),
});
export type ClaudeToolUseBlock = z.infer<typeof ClaudeToolUseBlockSchema>;

/** A block inside a tool_result's `content` list (text, image, document, …). */
const ClaudeResultPartSchema = z.looseObject({ type: z.string(), text: z.string().optional().catch(undefined) });

/** A content block of a `user` record that carries a tool's result. */
export const ClaudeToolResultBlockSchema = z.object({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1),
  content: z.union([z.string(), z.array(ClaudeResultPartSchema)]).nullable().optional(),
  /** true = error; absent, false or null = success. */
  is_error: z.boolean().nullable().optional().catch(undefined),
});
export type ClaudeToolResultBlock = z.infer<typeof ClaudeToolResultBlockSchema>;

/** The `type` of a content block, without validating the rest of it. */
export function blockType(block: unknown): string | undefined {
  if (typeof block !== 'object' || block === null) return undefined;
  const type = (block as { type?: unknown }).type;
  return typeof type === 'string' ? type : undefined;
}
