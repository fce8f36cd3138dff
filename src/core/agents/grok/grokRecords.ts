import { z } from 'zod';

/**
 * One line of Grok Build's `updates.jsonl` (session/storage `SessionUpdateEnvelope` in grok-build's
 * xai-grok-shell): `{timestamp: <unix seconds>, method, params}` where `method` is `session/update` (an ACP
 * SessionNotification: `{sessionId, update: {sessionUpdate, …}}`) or `_x.ai/session/update` (xAI's extension:
 * turn ends, `rewind_marker`, housekeeping). Older lines are a bare notification without the envelope. ACP's
 * tool calls (agent-client-protocol `ToolCall` / `ToolCallUpdate`): `toolCallId`, `title`, `kind`, `status`
 * pending | in_progress | completed | failed, `rawInput`, `rawOutput`, `content`. Lenient: a field of the wrong
 * type becomes undefined.
 */

const optionalString = z.string().optional().catch(undefined);

const GrokUpdateSchema = z.looseObject({
  sessionUpdate: z.string(),
  toolCallId: optionalString,
  title: optionalString,
  kind: optionalString,
  status: optionalString,
  rawInput: z.unknown().optional(),
  rawOutput: z.unknown().optional(),
  content: z.unknown().optional(),
  target_prompt_index: z.number().optional().catch(undefined),
  _meta: z.record(z.string(), z.unknown()).optional().catch(undefined),
});
export type GrokUpdate = z.infer<typeof GrokUpdateSchema>;

const NotificationSchema = z.object({ sessionId: optionalString, update: z.unknown() });

const GrokLineSchema = z.object({
  timestamp: z.number().optional().catch(undefined),
  method: optionalString,
  params: NotificationSchema.optional().catch(undefined),
  sessionId: optionalString,
  update: z.unknown().optional(),
});

export interface GrokLine {
  timestamp?: string;
  sessionId?: string;
  update: GrokUpdate;
}

/** The update of a line in either dialect (enveloped `params.update`, or a bare legacy `update`). */
export function readGrokLine(value: unknown): GrokLine | undefined {
  const line = GrokLineSchema.safeParse(value);
  if (!line.success) return undefined;
  const update = GrokUpdateSchema.safeParse(line.data.params?.update ?? line.data.update);
  if (!update.success) return undefined;
  const seconds = line.data.timestamp;
  const timestamp = seconds !== undefined && Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000).toISOString() : undefined;
  const sessionId = line.data.params?.sessionId ?? line.data.sessionId;
  return { update: update.data, ...(timestamp ? { timestamp } : {}), ...(sessionId ? { sessionId } : {}) };
}

/** `_meta.promptIndex`: the turn an update belongs to, when Grok stamped it. */
export function promptIndexOf(update: GrokUpdate): number | undefined {
  const index = update._meta?.promptIndex;
  return typeof index === 'number' && Number.isInteger(index) ? index : undefined;
}

/**
 * The text of a tool call's `content`: text blocks, ACP `{type:"content", content:{type:"text"}}` wrappers
 * (command output), and `{type:"diff"}` blocks (edits) named by their path.
 */
export function grokContentText(content: unknown): string {
  const blocks = Array.isArray(content) ? content : content && typeof content === 'object' ? [content] : [];
  const parts: string[] = [];
  for (const block of blocks as Array<Record<string, unknown>>) {
    if (block.type === 'text' && typeof block.text === 'string') parts.push(block.text);
    else if (block.type === 'content') {
      const inner = block.content as Record<string, unknown> | undefined;
      if (inner?.type === 'text' && typeof inner.text === 'string') parts.push(inner.text);
    } else if (block.type === 'diff' && typeof block.path === 'string') parts.push(`[diff ${block.path}]`);
  }
  return parts.join('\n');
}

/** The name Grok's toolset gave the call (`_meta["x.ai/tool"].name`), when stamped. */
export function grokToolName(update: GrokUpdate): string | undefined {
  const tool = update._meta?.['x.ai/tool'];
  if (typeof tool !== 'object' || tool === null) return undefined;
  const name = (tool as { name?: unknown }).name;
  return typeof name === 'string' && name !== '' ? name : undefined;
}
