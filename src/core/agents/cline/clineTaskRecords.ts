import { z } from 'zod';

/*
 * The records of a task's `api_conversation_history.json`, as Cline and Roo Code write them (untrusted input,
 * validated here). Read at the source:
 * - cline/cline src/core/storage/disk.ts (GlobalFileNames, saveApiConversationHistory: a JSON array of
 *   Anthropic.MessageParam) and src/core/task/tools/utils/ToolResultUtils.ts (pushToolResult: a `text` block
 *   "[tool for 'x'] Result:" then the result, or a `tool_result` block for native tool calls);
 * - RooCodeInc/Roo-Code src/core/task-persistence/apiMessages.ts (the legacy array, or the versioned envelope
 *   `{ version: 2, messages }`) and rooMessage.ts (AI SDK parts `tool-call` / `tool-result`, legacy Anthropic
 *   `tool_use` / `tool_result` with `is_error`, reasoning items without a role).
 */

export const textBlockSchema = z.object({ type: z.literal('text'), text: z.string() });

export const toolUseBlockSchema = z.object({
  type: z.literal('tool_use'),
  id: z.string().min(1),
  name: z.string().min(1),
  input: z.record(z.string(), z.unknown()).catch({}),
});

export const toolCallPartSchema = z.object({
  type: z.literal('tool-call'),
  toolCallId: z.string().min(1),
  toolName: z.string().min(1),
  input: z.record(z.string(), z.unknown()).catch({}),
});

export const toolResultBlockSchema = z.object({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1),
  content: z.unknown().optional(),
  is_error: z.boolean().optional(),
});

export const toolResultPartSchema = z.object({
  type: z.literal('tool-result'),
  toolCallId: z.string().min(1),
  toolName: z.string().optional(),
  output: z.unknown().optional(),
});

/** One message: `role` and `content` (a string or blocks); Roo adds `ts` (epoch ms). */
export const apiMessageSchema = z.object({
  role: z.enum(['user', 'assistant', 'tool', 'system']),
  content: z.union([z.string(), z.array(z.unknown())]),
  ts: z.number().optional(),
});


/** Roo Code's versioned envelope (ROO_MESSAGE_VERSION 2). */
export const rooMessageHistorySchema = z.object({ version: z.literal(2), messages: z.array(z.unknown()) });

/** A Roo Code reasoning item: a record of the history without a role, not a message. */
export const reasoningItemSchema = z.object({ type: z.literal('reasoning') });
