import { z } from 'zod';

/**
 * The rows and JSON read from opencode.db, as OpenCode writes them (anomalyco/opencode
 * packages/opencode/src/session/session.sql.ts, project/project.sql.ts, session/message-v2.ts). Only the columns
 * and fields used are named; anything else in the row is ignored.
 */

/** `session` joined with its `project`: where it ran, and whether a parent session (a task) started it. */
export const opencodeSessionRowSchema = z.object({
  id: z.string().min(1),
  directory: z.string().min(1),
  parent_id: z.string().nullable(),
  time_created: z.number().nullable(),
  /** The project's root (git worktree), or '/' for OpenCode's "global" project outside any repository. */
  worktree: z.string().nullable(),
});
export type OpencodeSessionRow = z.infer<typeof opencodeSessionRowSchema>;

/** `part` rows of one session, with their message's creation time for ordering. */
export const opencodePartRowSchema = z.object({
  id: z.string(),
  message_id: z.string(),
  data: z.string(),
});

/** MessageV2.ToolState: pending, running, completed (output, metadata) or error (error text, not output). */
const toolStateSchema = z.object({
  status: z.string(),
  input: z.record(z.string(), z.unknown()).optional(),
  output: z.string().optional(),
  error: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  time: z.object({ start: z.number().optional(), end: z.number().optional() }).optional(),
});

/** MessageV2.ToolPart, as stored in `part.data` (id, sessionID and messageID are the row's columns). */
export const opencodeToolPartSchema = z.object({
  type: z.literal('tool'),
  callID: z.string().optional(),
  tool: z.string().min(1),
  state: toolStateSchema,
});
export type OpencodeToolPart = z.infer<typeof opencodeToolPartSchema>;

/** Any part: only its type is read first, to find tool parts and step boundaries. */
export const opencodePartTypeSchema = z.object({ type: z.string() });
